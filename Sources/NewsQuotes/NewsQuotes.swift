// NewsQuotes: the tool's logic (work in progress).
