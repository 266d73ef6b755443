"""Exits 0 if 127.0.0.1:PORT is free, else 1 with a hint (used by `make run`).

python ops/port_free.py 8000
"""

import socket
import sys


def main(argv):
    port = int(argv[1])
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            print(
                f"Port {port} on 127.0.0.1 is already in use (another server?). "
                f"Pick a free one, for example: make run PORT={port + 1}",
                file=sys.stderr,
            )
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
