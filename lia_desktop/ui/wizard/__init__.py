"""The assessment wizard: the shell (`shell`), its pages, and the draft saver."""
