"""A real SMTP server for the registration tests: aiosmtpd on a spare loopback port, keeping
what it receives. `Inbox.refuse` makes it answer 451 (try again later) to that many messages
first, as a busy mail server does."""

import email
import email.policy
import logging
import socket
import threading
import time

from aiosmtpd.controller import Controller

# aiosmtpd logs every SMTP command at INFO; the tests read the messages themselves.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def spare_port():
    """A loopback TCP port nothing listens on now (chosen by the kernel)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    def __init__(self):
        self.messages = []
        self.refuse = 0
        self.refused = 0
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            if self.refuse > 0:
                self.refuse -= 1
                self.refused += 1
                return "451 4.3.0 Try again later"
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            message.envelope_recipients = list(envelope.rcpt_tos)
            self.messages.append(message)
        return "250 OK"

    def wait_for(self, count, timeout=30):
        """The messages once there are at least `count`; AssertionError after `timeout` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.messages) >= count:
                return list(self.messages)
            time.sleep(0.05)
        raise AssertionError(f"{len(self.messages)} emails arrived, expected {count}")


class SMTPServer:
    def __init__(self):
        self.inbox = Inbox()
        self.port = spare_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def calendar_of(message):
    """(METHOD param of the part, icalendar.Calendar) of the .ics attached to `message`."""
    import icalendar

    for part in message.iter_attachments():
        if part.get_content_type() == "text/calendar":
            return part.get_param("method"), icalendar.Calendar.from_ical(part.get_content())
    raise AssertionError("no text/calendar attachment")
