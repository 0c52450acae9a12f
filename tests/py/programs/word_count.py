# Counting words with a dict, sorted by count then word.
text = '''the quick brown fox jumps over the lazy dog the dog barks
and the fox runs quick quick away'''
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
for w, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:6]:
    print(f'{w:>6} {c}')
print(len(counts), sum(counts.values()))
