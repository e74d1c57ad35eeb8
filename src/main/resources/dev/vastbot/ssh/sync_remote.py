# vastbot data sync, remote side (python3, standard library only). Sent on the exec channel's
# stdin by dev.vastbot.ssh.StreamingDataSync; the request follows it on stdin as one JSON line.
#   mode "list":   writes b"VBM1 <length>\n" and a JSON manifest of the requested roots
#   mode "stream": writes framed files (big-endian): b"F" u32 index u64 bytes-to-send, then
#                  b"D" u32 length + bytes ..., then b"E" sha256(32) u64 size i64 mtime_ns
#                  (sha of the whole file, stat at the end) or b"X" u32 length + reason; b"Z" ends.
import hashlib, json, os, shutil, stat, struct, subprocess, sys, tempfile, time

SQLITE_MAGIC = b"SQLite format 3\x00"
SNAP_PREFIX = "vastbot-snap-"
out = sys.stdout.buffer


def remote_digest(hasher, path):
    return hasher.digest()


def is_sqlite(path):
    try:
        with open(path, "rb") as f:
            return f.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def companion(st_path):
    try:
        st = os.lstat(st_path)
        if stat.S_ISREG(st.st_mode):
            return [st.st_size, st.st_mtime_ns]
    except OSError:
        pass
    return None


def inside(link, real_root):
    """1 when a link's target lies in the tree being copied (its data is copied anyway)."""
    target = os.path.realpath(link)
    return 1 if target == real_root or target.startswith(real_root.rstrip("/") + "/") else 0


def list_roots(req):
    max_entries = int(req["max_entries"])
    entries, skipped, missing, found = [], [], [], []
    truncated = False
    for root in req["roots"]:
        if not os.path.lexists(root):
            missing.append(root)
            continue
        found.append(root)
        real = os.path.realpath(root)  # a configured root may itself be a link; links inside are not followed
        if os.path.isfile(real):
            walk = [(os.path.dirname(root), None, [os.path.basename(root)], os.path.dirname(real))]
        elif os.path.isdir(real):
            walk = ((root + dirpath[len(real):], dirs, files, dirpath)
                    for dirpath, dirs, files in os.walk(real, followlinks=False))
        else:
            skipped.append([root, "not a regular file or folder", 0])
            continue
        for shown_dir, dirs, files, real_dir in walk:
            if dirs is not None:
                for d in list(dirs):
                    if os.path.islink(os.path.join(real_dir, d)):
                        skipped.append([shown_dir + "/" + d, "symbolic link, not followed",
                                        inside(os.path.join(real_dir, d), real)])
                        dirs.remove(d)
                dirs.sort()
            names = set(files)
            for name in sorted(files):
                if name.endswith(("-wal", "-shm", "-journal")) and name.rsplit("-", 1)[0] in names:
                    if is_sqlite(os.path.join(real_dir, name.rsplit("-", 1)[0])):
                        continue  # part of a database's snapshot
                shown = (shown_dir.rstrip("/") + "/" + name)
                real_path = os.path.join(real_dir, name)
                try:
                    st = os.lstat(real_path)
                except OSError:
                    continue
                if stat.S_ISLNK(st.st_mode):
                    skipped.append([shown, "symbolic link, not followed", inside(real_path, real)])
                    continue
                if not stat.S_ISREG(st.st_mode):
                    continue
                if len(entries) >= max_entries:
                    truncated = True
                    break
                db = st.st_size >= 16 and is_sqlite(real_path)
                wal = companion(real_path + "-wal") if db else None
                entries.append([shown, st.st_size, st.st_mtime_ns, stat.S_IMODE(st.st_mode),
                                1 if db else 0, wal])
            if truncated:
                break
    body = json.dumps({"entries": entries, "skipped": skipped, "missing": missing, "found": found,
                       "truncated": truncated}, ensure_ascii=True).encode("ascii")
    out.write(b"VBM1 %d\n" % len(body))
    out.write(body)
    out.flush()


def clean_old_snapshots():
    tmp = tempfile.gettempdir()
    try:
        for name in os.listdir(tmp):
            if name.startswith(SNAP_PREFIX):
                path = os.path.join(tmp, name)
                if time.time() - os.lstat(path).st_mtime > 3600:
                    os.unlink(path)
    except OSError:
        pass


def snapshot(path):
    fd, snap = tempfile.mkstemp(prefix=SNAP_PREFIX, suffix=".db")
    os.close(fd)
    os.unlink(snap)
    cli = shutil.which("sqlite3")
    if cli:
        try:
            done = subprocess.run([cli, "-readonly", path, ".backup '%s'" % snap],
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, timeout=600)
            if done.returncode == 0 and os.path.isfile(snap):
                return snap
        except (OSError, subprocess.SubprocessError):
            pass
        if os.path.exists(snap):
            os.unlink(snap)
    import sqlite3
    source = sqlite3.connect("file:%s?mode=ro" % path.replace("?", "%3f").replace("#", "%23"), uri=True)
    try:
        target = sqlite3.connect(snap)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    return snap


def send_file(index, path, offset, chunk, buf, started, verify_only=False):
    hasher = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb", buffering=0) as f:
        before = os.fstat(f.fileno())
        if not stat.S_ISREG(before.st_mode):
            raise OSError("not a regular file")
        if verify_only and before.st_size != offset:
            raise OSError("changed since the listing")
        if offset > before.st_size:
            raise OSError("shorter than the part already copied")
        left = offset
        view = memoryview(buf)
        while left > 0:
            n = f.readinto(view[:min(chunk, left)])
            if not n:
                raise OSError("shrank while reading")
            hasher.update(view[:n])
            left -= n
        out.write(b"F" + struct.pack(">IQ", index, before.st_size - offset))
        started[0] = True
        left = before.st_size - offset
        while left > 0:
            n = f.readinto(view[5:5 + min(chunk, left)])
            if not n:
                raise OSError("shrank while reading")
            hasher.update(view[5:5 + n])
            view[0:5] = b"D" + struct.pack(">I", n)
            out.write(view[:5 + n])
            left -= n
        after = os.fstat(f.fileno())
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
        raise OSError("changed while copying")
    out.write(b"E" + remote_digest(hasher, path) + struct.pack(">Qq", after.st_size, after.st_mtime_ns))


def stream(req):
    chunk = int(req.get("chunk", 256 * 1024))
    buf = bytearray(chunk + 5)
    clean_old_snapshots()
    for index, item in enumerate(req["files"]):
        path, offset, db = item["p"], int(item["o"]), bool(item["db"])
        if db or offset or item.get("v"):
            out.flush()  # the receiver times what it awaits until a header: hand it over first
        snap, started = None, [False]
        try:
            if db:
                snap = snapshot(path)
                send_file(index, snap, 0, chunk, buf, started)
            else:
                send_file(index, path, offset, chunk, buf, started, bool(item.get("v")))
        except Exception as e:  # one file's trouble is reported, the stream goes on
            reason = (str(e) if isinstance(e, OSError) and not e.errno else type(e).__name__ + ": " + str(e))
            reason = reason.encode("utf-8", "replace")[:4000]
            if not started[0]:
                out.write(b"F" + struct.pack(">IQ", index, 0))
            out.write(b"X" + struct.pack(">I", len(reason)) + reason)
        finally:
            if snap and os.path.exists(snap):
                os.unlink(snap)
    out.write(b"Z")
    out.flush()


def main():
    req = json.loads(sys.stdin.buffer.readline())
    if req["mode"] == "list":
        list_roots(req)
    else:
        stream(req)


main()
