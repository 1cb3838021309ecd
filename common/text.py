"""Plain text typed into a textarea, as the paragraphs a template renders."""


def paragraphs(text):
    """The text's paragraphs (blocks between empty lines), each on one line with single spaces."""
    return [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
