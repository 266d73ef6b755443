"""Re-encoding a 12-megapixel photo (#17): time and peak memory.

    python -m bench.photos

The sample is made here (noise, so the JPEG is as hard to decode as a real photo). The
timing runs in this process; the peak memory in a fresh child process, so the sample's
own making does not hide the high-water mark.
"""

import io
import resource
import subprocess
import sys
import tempfile
import time

from PIL import Image

TIME_LIMIT_SECONDS = 1.5
MEMORY_LIMIT_MB = 300  # decode (36 MB) + upright copy + resize: well under this


def sample_jpeg():
    noise = Image.effect_noise((4000, 3000), 40).convert("RGB")
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=92)
    return out.getvalue()


def _peak_mb_child(path):
    """Run in a child: the rise of the peak RSS over one re-make, in MB."""
    from intake.photos.images import photo_remake  # noqa: PLC0415

    with open(path, "rb") as handle:
        data = handle.read()
    before = _high_water_kb()
    photo_remake(data)
    after = _high_water_kb()
    print((after - before) / 1024)


def _high_water_kb():
    """The peak RSS in kB. VmHWM starts afresh at exec; ru_maxrss would carry the
    parent's peak across execve on Linux, so it is the fallback only."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main():
    import django  # noqa: PLC0415

    django.setup()
    from intake.photos.images import photo_remake  # noqa: PLC0415

    data = sample_jpeg()
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        photo_remake(data)
        timings.append(time.perf_counter() - started)
    with tempfile.NamedTemporaryFile(suffix=".jpg") as sample:
        sample.write(data)
        sample.flush()
        child = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "bench.photos", "--peak", sample.name],
            capture_output=True,
            text=True,
            check=True,
        )
    peak_mb = float(child.stdout.strip().splitlines()[-1])
    best, worst = min(timings), max(timings)
    print(f"12 MP JPEG ({len(data) / 1e6:.1f} MB) re-made: best {best:.3f} s, worst {worst:.3f} s")
    print(f"peak memory rise: {peak_mb:.0f} MB (limit {MEMORY_LIMIT_MB} MB)")
    ok = best < TIME_LIMIT_SECONDS and peak_mb < MEMORY_LIMIT_MB
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    import os  # noqa: PLC0415

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings.test")
    if sys.argv[1:2] == ["--peak"]:
        import django  # noqa: PLC0415

        django.setup()
        _peak_mb_child(sys.argv[2])
    else:
        sys.exit(main())
