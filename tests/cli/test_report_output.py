"""`summary --output` writes a report to a regular file or a new one, and to nothing else.

A device, a FIFO, a socket, a directory, a kernel file or a link to one is refused in
one line and left exactly as it was: same inode, same type.
"""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from tests.conftest import Rep


def summary_to(rep: Rep, target: Path | str):
    return rep.run(["summary", "--format", "markdown", "--output", str(target)])


def fingerprint(path: Path) -> tuple[int, int, int]:
    """What must not change: inode, device and type, the link itself not followed."""
    found = os.lstat(path)
    return found.st_ino, found.st_dev, stat.S_IFMT(found.st_mode)


def refused(rep: Rep, target: Path | str, *words: str) -> str:
    result = summary_to(rep, target)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert "Traceback" not in message and "No such file" not in message
    for word in words:
        assert word in message, message
    return message


def test_a_fifo_is_refused_and_left_a_fifo(rep: Rep, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    before = fingerprint(fifo)
    refused(rep, fifo, str(fifo), "FIFO", "regular file")
    assert fingerprint(fifo) == before


def test_a_character_device_is_refused_and_left_alone(rep: Rep, tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("this user may not make a device node")
    before = fingerprint(device)
    refused(rep, device, "character device")
    assert fingerprint(device) == before


def test_a_link_to_dev_null_is_refused_and_both_stay(rep: Rep, tmp_path: Path) -> None:
    # Through a link, so that a fault here replaces the link in tmp, never the real /dev/null.
    link = tmp_path / "out"
    link.symlink_to("/dev/null")
    before, device = fingerprint(link), fingerprint(Path("/dev/null"))
    refused(rep, link, "a link to /dev/null", "character device")
    assert fingerprint(link) == before
    assert os.readlink(link) == "/dev/null"
    assert fingerprint(Path("/dev/null")) == device


def test_a_link_to_the_standard_output_is_refused(rep: Rep, tmp_path: Path) -> None:
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    before = fingerprint(link)
    refused(rep, link, str(link))
    assert fingerprint(link) == before


def test_a_socket_is_refused(rep: Rep, tmp_path: Path) -> None:
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        before = fingerprint(path)
        refused(rep, path, "socket")
        assert fingerprint(path) == before


def test_a_directory_is_refused_and_keeps_its_files(rep: Rep, tmp_path: Path) -> None:
    directory = tmp_path / "reviews"
    directory.mkdir()
    (directory / "old.md").write_text("mine")
    before = fingerprint(directory)
    refused(rep, directory, "is a directory")
    assert fingerprint(directory) == before
    assert sorted(p.name for p in directory.iterdir()) == ["old.md"]


def test_a_kernel_file_says_what_is_wrong(rep: Rep) -> None:
    before = fingerprint(Path("/proc/version"))
    refused(rep, "/proc/version", "/proc/version", "kernel file under /proc")
    assert fingerprint(Path("/proc/version")) == before


def test_a_missing_directory_is_named(rep: Rep, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "summary.md"
    refused(rep, target, f"the directory {target.parent} does not exist")
    assert not (tmp_path / "no").exists()


def test_a_dangling_link_is_refused_and_creates_nothing(rep: Rep, tmp_path: Path) -> None:
    link = tmp_path / "latest.md"
    link.symlink_to(tmp_path / "gone.md")
    refused(rep, link, "does not exist")
    assert link.is_symlink() and not (tmp_path / "gone.md").exists()


def test_a_regular_file_is_replaced_whole_and_made_private(rep: Rep, tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("an older, much longer report " * 100)
    target.chmod(0o644)
    assert summary_to(rep, target).exit_code == 0
    assert target.read_text().startswith("## reftrack weekly summary")
    assert "older" not in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".reftrack-")] == []


def test_a_link_to_a_regular_file_writes_through_and_stays_a_link(rep: Rep, tmp_path: Path) -> None:
    report = tmp_path / "2026-W47.md"
    report.write_text("old")
    link = tmp_path / "latest.md"
    link.symlink_to(report.name)
    assert summary_to(rep, link).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == report.name
    assert report.read_text().startswith("## reftrack weekly summary")
    assert stat.S_IMODE(report.stat().st_mode) == 0o600


def test_a_new_file_is_private(rep: Rep, tmp_path: Path) -> None:
    target = tmp_path / "new.md"
    assert summary_to(rep, target).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
