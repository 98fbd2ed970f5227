class UsernameConverter:
    """Usernames as Django's validator allows them (letters, digits, @ . + - _).

    Anything else in the path is a 404 before it reaches a query; PostgreSQL
    would refuse a NUL character with an error instead.
    """

    regex = r"[\w.@+-]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
