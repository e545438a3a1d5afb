"""What leaves the program: the exchange file, the PDF record, the blank questionnaire."""
