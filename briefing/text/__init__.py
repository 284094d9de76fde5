"""Provides the text analysis shared by the index and the query path: folding (normalize),
words and their offsets (tokenize), stopwords and Snowball stems per language (analyzer,
function_words, question_language), spelling masks and word lists for typos (spelling,
lexicon), and the words of a passage sentence by sentence (passage)."""
