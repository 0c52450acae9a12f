# A name far from every defined name gets no suggestion.
alpha = 1
def compute():
    return zzzzqqqq * 2
compute()
