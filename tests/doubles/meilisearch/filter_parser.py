"""The filter string grammar (keywords are case-sensitive), parsed by recursive descent into filters.py's tuples."""

from dataclasses import dataclass

from .fields import as_number

KEYWORDS = {"AND", "OR", "NOT", "TO", "IN", "EXISTS", "IS", "NULL", "EMPTY"}
OPERATORS = ("!=", ">=", "<=", "=", ">", "<")
EXPECTED = (
    "Was expecting an operation `=`, `!=`, `>=`, `>`, `<=`, `<`, `IN`, `NOT IN`, `TO`, `EXISTS`, `NOT EXISTS`, "
    "`IS NULL`, `IS NOT NULL`, `IS EMPTY`, `IS NOT EMPTY`, `_geoRadius`, or `_geoBoundingBox`"
)
RADIUS_USAGE = "The `_geoRadius` filter expects three arguments: `_geoRadius(latitude, longitude, radius)`."
BOX_USAGE = (
    "The `_geoBoundingBox` filter expects two pairs of arguments: "
    "`_geoBoundingBox([latitude, longitude], [latitude, longitude])`."
)


class FilterError(Exception):
    """A filter the server rejects; the caller picks the error code (search, documents, deletion)."""


@dataclass
class Token:
    kind: str  # word | quoted | op | punct | end
    text: str
    pos: int


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "_-."


def tokenize(source: str) -> list[Token]:
    """Split a filter string into tokens; quoted values keep their text, with `\\'`/`\\"` unescaped."""
    tokens, i = [], 0
    while i < len(source):
        char = source[i]
        if char.isspace():
            i += 1
        elif char in "()[],":
            tokens.append(Token("punct", char, i))
            i += 1
        elif op := next((op for op in OPERATORS if source.startswith(op, i)), None):
            tokens.append(Token("op", op, i))
            i += len(op)
        elif char in "'\"":
            end = i + 1
            while end < len(source) and source[end] != char:
                end += 2 if source[end] == "\\" else 1
            if end >= len(source):
                raise FilterError(f"Expression `{source[i:]}` is missing the following closing delimiter: `{char}`.")
            tokens.append(Token("quoted", source[i + 1 : end].replace("\\" + char, char), i))
            i = end + 1
        elif _is_word_char(char):
            end = i
            while end < len(source) and _is_word_char(source[end]):
                end += 1
            tokens.append(Token("word", source[i:end], i))
            i = end
        else:
            raise FilterError(f"{EXPECTED} at `{source[i:]}`.")
    tokens.append(Token("end", "", len(source)))
    return tokens


class Parser:
    """Recursive descent over: or = and (OR and)*; and = not (AND not)*; not = NOT not | primary."""

    def __init__(self, source: str):
        self.source, self.tokens, self.i = source, tokenize(source), 0

    def parse(self):
        """The whole filter as a tuple tree; anything left over is a syntax error."""
        node = self.or_()
        if self.peek().kind != "end":
            raise self.error(f"{EXPECTED} at `{self.source[self.peek().pos :]}`.")
        return node

    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def take(self) -> Token:
        token = self.peek()
        self.i += 1
        return token

    def keyword(self, word: str, ahead: int = 0) -> bool:
        token = self.peek(ahead)
        return token.kind == "word" and token.text == word  # keywords are case-sensitive, as in Meilisearch

    def expect(self, punct: str) -> None:
        token = self.take()
        if token.kind != "punct" or token.text != punct:
            raise self.error(f"Expected `{punct}` at `{self.source[token.pos :]}`.")

    def error(self, message: str) -> FilterError:
        return FilterError(f"{message}\n{self.peek().pos + 1}:{len(self.source) + 1} {self.source}")

    def or_(self):
        nodes = [self.and_()]
        while self.keyword("OR"):
            self.take()
            nodes.append(self.and_())
        return nodes[0] if len(nodes) == 1 else ("or", nodes)

    def and_(self):
        nodes = [self.not_()]
        while self.keyword("AND"):
            self.take()
            nodes.append(self.not_())
        return nodes[0] if len(nodes) == 1 else ("and", nodes)

    def not_(self):
        if self.keyword("NOT"):
            self.take()
            return ("not", self.not_())
        return self.primary()

    def primary(self):
        token = self.peek()
        if token.kind == "punct" and token.text == "(":
            self.take()
            node = self.or_()
            self.expect(")")
            return node
        if token.kind == "word" and token.text in ("_geoRadius", "_geoBoundingBox"):
            return self.geo()
        return self.condition()

    def value(self) -> str:
        token = self.peek()
        if token.kind == "quoted" or (token.kind == "word" and token.text not in KEYWORDS):
            return self.take().text
        raise self.error(f"{EXPECTED} at `{self.source[token.pos :]}`.")

    def negation(self, word: str) -> bool | None:
        """Consume `word` or `NOT word` at the cursor and say whether it was negated; None when neither is there."""
        if self.keyword(word):
            self.take()
            return False
        if self.keyword("NOT") and self.keyword(word, 1):
            self.i += 2
            return True
        return None

    def condition(self):
        field = self.value()
        if (negated := self.negation("IN")) is not None:
            node = ("in", field, self.values())
        elif (negated := self.negation("EXISTS")) is not None:
            node = ("exists", field)
        elif self.keyword("IS"):
            self.take()
            negated = self.negation("NULL")
            if negated is None and (negated := self.negation("EMPTY")) is None:
                raise self.error(f"{EXPECTED} at `{self.source[self.peek().pos :]}`.")
            node = ("null" if self.tokens[self.i - 1].text == "NULL" else "empty", field)
        elif self.peek().kind == "op":
            op = self.take().text
            # `!=` is "everything minus the matches": documents without the field are kept, as with NOT.
            negated, node = op == "!=", ("cmp", field, "=" if op == "!=" else op, self.value())
        elif self.peek().kind in ("word", "quoted") and self.keyword("TO", 1):
            low = self.value()
            self.take()
            node = ("range", field, low, self.value())
        else:
            raise self.error(f"{EXPECTED} at `{self.source[self.peek().pos :]}`.")
        return ("not", node) if negated else node

    def values(self) -> list[str]:
        self.expect("[")
        items = []
        while not (self.peek().kind == "punct" and self.peek().text == "]"):
            items.append(self.value())
            if self.peek().text != ",":
                break
            self.take()
        self.expect("]")
        return items

    def number(self, usage: str) -> float:
        token = self.take()
        number = as_number(token.text) if token.kind in ("word", "quoted") else None
        if number is None:
            raise self.error(usage)
        return number

    def point(self, usage: str) -> tuple[float, float]:
        lat = self.number(usage)
        self.expect(",")
        lng = self.number(usage)
        if not -90 <= lat <= 90:
            raise self.error(f"Bad latitude `{lat:g}`. Latitude must be contained between -90 and 90 degrees.")
        if not -180 <= lng <= 180:
            raise self.error(f"Bad longitude `{lng:g}`. Longitude must be contained between -180 and 180 degrees.")
        return lat, lng

    def geo(self):
        name = self.take().text
        self.expect("(")
        if name == "_geoRadius":
            lat, lng = self.point(RADIUS_USAGE)
            self.expect(",")
            node = ("geoRadius", lat, lng, self.number(RADIUS_USAGE))
        else:
            corners = []
            for separator in (",", ")"):
                self.expect("[")
                corners.append(self.point(BOX_USAGE))
                self.expect("]")
                if separator == ",":
                    self.expect(",")
            (north, _), (south, _) = corners
            if north < south:
                raise self.error(f"The top latitude `{north:g}` is below the bottom latitude `{south:g}`.")
            node = ("geoBox", corners[0], corners[1])
        self.expect(")")
        return node
