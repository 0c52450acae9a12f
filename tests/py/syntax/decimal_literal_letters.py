# A number run into a name.
x = 12abc
