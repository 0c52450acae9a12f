# A list display still open when the file ends.
items = [1,
         2,
