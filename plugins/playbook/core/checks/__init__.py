"""The rules every reader applies: the content of fields, references and "did you mean", page markup,
front matter."""
