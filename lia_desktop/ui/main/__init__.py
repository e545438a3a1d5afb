"""The main window and what it is made of: the list, the filters, the actions, and the command
groups that do the work of the actions."""
