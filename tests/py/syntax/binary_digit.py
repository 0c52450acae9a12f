# A digit out of range for the base.
mask = 0b102
