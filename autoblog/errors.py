class Refused(Exception):
    """A request the site refuses for a reason the user should read: the
    message is shown as it is, with the HTTP status that fits."""

    status_code = 400

    def __init__(self, message: str, *, status_code: int | None = None):
        super().__init__(message)
        self.message = message
        if status_code is not None:
            self.status_code = status_code
