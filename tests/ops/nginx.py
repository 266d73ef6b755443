"""nginx (Debian's package) as the load balancer of the two-instance test: its own
config in a temporary folder, the shipped proxy rules (ops/nginx/clinic-proxy.conf)
included as they are, loopback only."""

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.ops.stack import BASE_DIR, Client, StackError, free_port

PROXY_RULES = BASE_DIR / "ops" / "nginx" / "clinic-proxy.conf"


def nginx_binary():
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )


class Nginx:
    def __init__(self, upstream_ports, *, fail_timeout=10):
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="clinic-nginx-"))
        self.upstream_ports = upstream_ports
        self.fail_timeout = fail_timeout
        self.process = None
        self.access_log = self.root / "access.log"
        self.error_log = self.root / "error.log"

    def config(self):
        servers = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout={self.fail_timeout}s;"
            for port in self.upstream_ports
        )
        root = self.root
        return f"""
worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {self.error_log} warn;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    log_format clinic '$remote_addr [$time_local] "$request_method $uri" $status '
                      '$body_bytes_sent $request_time rid=$request_id up=$upstream_addr';
    access_log {self.access_log} clinic;
    upstream clinic_app {{
{servers}
        keepalive 16;
    }}
    # TLS ends in front of this test's nginx, as if at the production server block.
    map $scheme $clinic_scheme {{ default https; }}
    server {{
        listen 127.0.0.1:{self.port};
        server_tokens off;
        # Test only: which instance answered (production does not say).
        add_header X-Clinic-Upstream $upstream_addr always;
        include {PROXY_RULES};
    }}
}}
"""

    def start(self):
        binary = nginx_binary()
        if binary is None:
            raise StackError("nginx is not installed (apt-get install -y nginx)")
        path = self.root / "nginx.conf"
        path.write_text(self.config())
        test = subprocess.run(  # noqa: S603 - Debian's nginx, our config
            [binary, "-t", "-q", "-c", str(path), "-p", str(self.root)],
            capture_output=True, text=True, check=False, timeout=30,
        )  # fmt: skip
        if test.returncode != 0:
            raise StackError(f"nginx -t failed:\n{test.stderr}")
        self.process = subprocess.Popen(  # noqa: S603
            [binary, "-c", str(path), "-p", str(self.root)],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise StackError(f"nginx exited:\n{self.log_tail()}")
            try:
                if Client(self.port).get("/healthz", timeout=2).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise StackError(f"nginx: /healthz not 200 within 20 s:\n{self.log_tail()}")

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.error_log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def cleanup(self):
        try:
            if self.process is not None and self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
