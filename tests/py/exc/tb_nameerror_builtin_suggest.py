# A misspelt builtin gets a suggestion from the builtins.
values = [3, 1, 2]
print(sorted(values))
print(lenn(values))
