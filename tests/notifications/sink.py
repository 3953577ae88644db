"""A real SMTP server on loopback (aiosmtpd) that records what it receives: the tests' and
the benchmark's mail sink. It can refuse (451) or be stopped and started again."""

import asyncio
import logging
import socket
import threading
from collections import Counter
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller

# aiosmtpd logs every command at INFO: quiet, or the sink spends its time logging.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Handler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        if self.sink.refusing:
            self.sink.refused += 1
            return "451 4.3.0 Try again later"
        if self.sink.delay:
            await asyncio.sleep(self.sink.delay)
        headers = BytesHeaderParser().parsebytes(envelope.content)
        with self.sink.lock:
            for address in envelope.rcpt_tos:
                self.sink.received.append((address.lower(), headers["Message-ID"]))
        return "250 OK"


class Sink:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.lock = threading.Lock()
        self.received: list[tuple[str, str]] = []
        self.refusing = False
        self.refused = 0
        self.delay = 0.0
        self._controller = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self):
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def count(self) -> int:
        with self.lock:
            return len(self.received)

    def by_address(self) -> dict[str, list[str]]:
        """Each address's received Message-IDs, in order."""
        with self.lock:
            result: dict[str, list[str]] = {}
            for address, message_id in self.received:
                result.setdefault(address, []).append(message_id)
            return result

    def duplicates(self) -> int:
        with self.lock:
            return sum(n - 1 for n in Counter(self.received).values())
