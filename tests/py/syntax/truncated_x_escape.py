# A \x escape with one hex digit.
s = 'bad \x4 escape'
