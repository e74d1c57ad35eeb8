"""P2P orchestrator stand-in of a simulated Vast GPU host (Python stdlib only).

  python3 scripts/p2p_orchestrator.py --node-id vast-123 --port 8770 [--peers host[:port],...]

Serves on 127.0.0.1 only: GET /health, GET /status, POST /admin/add_peer {node_id,address,port}.
Every HEARTBEAT_SECONDS it GETs each known peer's /health; a peer whose address is a Tailscale IP
(100.x) is reached through the JSON map in $SIM_TAILNET_MAP ({"100.64.0.5": "127.0.0.1:41234"}).
The leader is the highest alive node id among this node and its alive peers. /health reports
healthy:false when the disk is at least 90 % full. Logs to stdout; stops cleanly on SIGTERM.
A peer is alive while its last answer is under SIM_P2P_PEER_TIMEOUT (6) seconds old; the
heartbeat period is SIM_P2P_HEARTBEAT_SECONDS (2). The real ones are 15 s and 180 s.
Other real flags (--host, --advertise-host, --ringrift-path, ...) are accepted and ignored.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HEARTBEAT_SECONDS = float(os.environ.get("SIM_P2P_HEARTBEAT_SECONDS", "2"))
PEER_TIMEOUT_SECONDS = float(os.environ.get("SIM_P2P_PEER_TIMEOUT", "6"))
DISK_UNHEALTHY_PERCENT = 90.0
METRICS_TTL_SECONDS = 1.0


def log(message):
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} [p2p] {message}", flush=True)


def run(*command):
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=5)
        return done.stdout if done.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        return ""


def split_address(spec, default_port):
    spec = spec.strip()
    if "://" in spec:
        spec = spec.split("://", 1)[1].split("/", 1)[0]
    host, _, port = spec.partition(":")
    return host, int(port) if port else default_port


def resolve(host, port):
    """Where to reach a peer from here: Tailscale IPs through the tailnet map, others as given."""
    if not host.startswith("100."):
        return host, port
    try:
        with open(os.environ.get("SIM_TAILNET_MAP", ""), encoding="utf-8") as handle:
            target = json.load(handle).get(host)
    except (OSError, ValueError):
        return None
    return split_address(target, port) if target else None


def pending_games():
    """The cluster's pending self-play games: the number in $SIM_WORK_QUEUE (0 when unset)."""
    try:
        with open(os.environ.get("SIM_WORK_QUEUE", ""), encoding="utf-8") as handle:
            return max(0, int(handle.read().strip() or 0))
    except (OSError, ValueError):
        return 0


def host_processes_running(marker):
    """Counts this host's processes (environ has SIM_HOST_HOME) whose argv matches marker."""
    tag = ("SIM_HOST_HOME=" + os.environ.get("SIM_HOST_HOME", "")).encode()
    count = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as handle:
                if tag not in handle.read().split(b"\0"):
                    continue
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                argv = handle.read().decode(errors="replace").split("\0")
        except OSError:
            continue
        if any(marker(arg) for arg in argv):
            count += 1
    return count


def is_worker(arg):
    return arg == "app.training.generate_data" or arg.endswith("generate_data.py")


class Peer:
    def __init__(self, host, port, node_id=None):
        self.host, self.port, self.node_id = host, port, node_id
        self.added_at = time.time()
        self.last_seen = None
        self.health = {}
        self.gpu_name = ""

    def alive(self, now):
        return self.last_seen is not None and now - self.last_seen < PEER_TIMEOUT_SECONDS

    def key(self):
        return self.node_id or f"{self.host}:{self.port}"

    def info(self, now):
        since = now - (self.last_seen if self.last_seen is not None else self.added_at)
        return {
            "node_id": self.key(),
            "host": self.host,
            "port": self.port,
            "tailscale_ip": self.host if self.host.startswith("100.") else "",
            "role": self.health.get("role", "follower"),
            "is_alive": self.alive(now),
            "last_heartbeat": self.last_seen or 0.0,
            "seconds_since_heartbeat": round(since, 1),
            "retired": False,
            "selfplay_jobs": self.health.get("selfplay_jobs", 0),
            "training_jobs": self.health.get("training_jobs", 0),
            "gpu_name": self.gpu_name,
            "gpu_percent": self.health.get("gpu_percent", 0.0),
            "disk_percent": self.health.get("disk_percent", 0.0),
        }


class Node:
    def __init__(self, node_id, port):
        self.node_id, self.port = node_id, port
        self.started = time.time()
        self.peers = []
        self.lock = threading.Lock()
        self.metrics, self.metrics_at = {}, 0.0
        self.tailscale_ip = run("tailscale", "ip", "-4").strip()
        self.gpu_name = run("nvidia-smi", "--query-gpu=name", "--format=csv,noheader").split("\n")[0]

    def add_peer(self, host, port, node_id=None):
        with self.lock:
            for peer in self.peers:
                if (peer.host, peer.port) == (host, port):
                    peer.node_id = node_id or peer.node_id
                    return
            self.peers.append(Peer(host, port, node_id))
        log(f"peer added: {node_id or '?'} at {host}:{port}")

    def probe(self, peer):
        target = resolve(peer.host, peer.port)
        was_alive = peer.alive(time.time())
        try:
            if target is None:
                raise OSError("not on the tailnet")
            base = f"http://{target[0]}:{target[1]}"
            with urllib.request.urlopen(base + "/health", timeout=1.0) as answer:
                health = json.loads(answer.read())
            if not peer.gpu_name:
                with urllib.request.urlopen(base + "/status", timeout=1.0) as answer:
                    peer.gpu_name = json.loads(answer.read()).get("self", {}).get("gpu_name", "")
            peer.health, peer.node_id = health, health.get("node_id") or peer.node_id
            peer.last_seen = time.time()
            if not was_alive:
                log(f"peer up: {peer.key()} at {peer.host}:{peer.port}")
        except (OSError, ValueError) as problem:
            if was_alive and not peer.alive(time.time()):
                log(f"peer down: {peer.key()} ({problem})")

    def heartbeat_loop(self, stop):
        while True:
            with self.lock:
                peers = list(self.peers)
            for peer in peers:
                self.probe(peer)
            if stop.wait(HEARTBEAT_SECONDS):
                return

    def measure(self):
        with self.lock:
            if time.time() - self.metrics_at < METRICS_TTL_SECONDS:
                return dict(self.metrics)
        disk = run("df", "-P", os.environ.get("HOME", "/")).strip().split("\n")[-1].split()
        util, memory = 0.0, 0.0
        smi = run("nvidia-smi", "--query-gpu=utilization.gpu,memory.used,memory.total",
                  "--format=csv,noheader,nounits")
        for line in filter(None, smi.split("\n")):
            used = [float(part) for part in line.split(",")]
            util, memory = max(util, used[0]), max(memory, 100.0 * used[1] / max(used[2], 1.0))
        metrics = {
            "disk_percent": float(disk[4].rstrip("%")) if len(disk) > 4 else 0.0,
            "memory_percent": memory_percent(),
            "cpu_percent": round(min(100.0, 100.0 * os.getloadavg()[0] / (os.cpu_count() or 1)), 1),
            "gpu_percent": util,
            "gpu_memory_percent": round(memory, 1),
            "selfplay_jobs": host_processes_running(is_worker),
        }
        with self.lock:
            self.metrics, self.metrics_at = metrics, time.time()
        return dict(metrics)

    def alive_peers(self, now):
        with self.lock:
            return [p for p in self.peers if p.alive(now) and p.node_id != self.node_id]

    def leader(self, now):
        alive = self.alive_peers(now)
        leader = max([self.node_id] + [p.key() for p in alive])
        seen = 0.0 if leader == self.node_id else min(
            now - p.last_seen for p in alive if p.key() == leader)
        return leader, round(seen, 1)

    def health(self):
        now, metrics = time.time(), self.measure()
        leader, seen = self.leader(now)
        return {
            "healthy": metrics["disk_percent"] < DISK_UNHEALTHY_PERCENT,
            "node_id": self.node_id,
            "role": "leader" if leader == self.node_id else "follower",
            **{k: metrics[k] for k in ("disk_percent", "memory_percent", "cpu_percent",
                                       "gpu_percent", "gpu_memory_percent", "selfplay_jobs")},
            "training_jobs": 0,
            "leader_id": leader,
            "leader_last_seen_seconds": seen,
            "active_peers": len(self.alive_peers(now)),
            "total_peers": len(self.peers),
            "uptime_seconds": round(now - self.started, 1),
            "timestamp": now,
        }

    def status(self):
        now, health = time.time(), self.health()
        me = {
            "node_id": self.node_id, "host": self.tailscale_ip or "127.0.0.1", "port": self.port,
            "role": health["role"], "last_heartbeat": now, "selfplay_jobs": health["selfplay_jobs"],
            "max_selfplay_slots": 8, "training_jobs": 0, "gpu_name": self.gpu_name,
            "gpu_percent": health["gpu_percent"], "disk_percent": health["disk_percent"],
            "memory_percent": health["memory_percent"], "retired": False, "nat_blocked": False,
            "relay_via": "", "tailscale_ip": self.tailscale_ip, "reported_host": self.tailscale_ip,
            "code_version": "sim",
        }
        with self.lock:
            peers = {}
            for peer in self.peers:
                if peer.node_id != self.node_id:
                    peers.setdefault(peer.key(), peer.info(now))
        return {
            "node_id": self.node_id, "role": health["role"], "leader_id": health["leader_id"],
            "effective_leader_id": health["leader_id"], "self": me, "peers": peers,
            "alive_peers": sum(1 for info in peers.values() if info["is_alive"]),
            "work_queue": {"by_status": {"pending": pending_games(),
                                         "running": health["selfplay_jobs"]}},
        }


def memory_percent():
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            info = {line.split(":")[0]: float(line.split()[1]) for line in handle}
        return round(100.0 * (1.0 - info["MemAvailable"] / info["MemTotal"]), 1)
    except (OSError, KeyError, ValueError, ZeroDivisionError):
        return 0.0


def handler_for(node):
    class Handler(BaseHTTPRequestHandler):
        def answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == "/health":
                self.answer(200, node.health())
            elif path == "/status":
                self.answer(200, node.status())
            else:
                self.answer(404, {"error": f"not found: {path}"})

        def do_POST(self):
            if self.path.split("?", 1)[0] != "/admin/add_peer":
                return self.answer(404, {"error": f"not found: {self.path}"})
            try:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                node.add_peer(str(body["address"]), int(body.get("port") or 8770), body.get("node_id"))
            except (KeyError, TypeError, ValueError) as problem:
                return self.answer(400, {"success": False, "error": f"bad request: {problem}"})
            self.answer(200, {"success": True})

        def log_request(self, code="-", size="-"):
            if self.command != "GET" or str(code) != "200":
                log(f"http {self.command} {self.path} {code}")

        def log_message(self, fmt, *args):
            log("http " + (fmt % args))

    return Handler


def main(argv):
    parser = argparse.ArgumentParser(prog="p2p_orchestrator")
    parser.add_argument("--node-id", default=None)
    parser.add_argument("--port", type=int, default=int(os.environ.get("RINGRIFT_P2P_PORT", "8770")))
    parser.add_argument("--peers", default="")
    args, _ = parser.parse_known_args(argv)
    node_id = args.node_id or f"vast-{os.environ.get('SIM_HOST_ID', 'local')}"
    node = Node(node_id, args.port)
    for spec in filter(None, (part.strip() for part in args.peers.split(","))):
        node.add_peer(*split_address(spec, 8770))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", args.port), handler_for(node))
    except OSError as problem:
        log(f"cannot listen on 127.0.0.1:{args.port}: {problem}")
        return 1
    server.daemon_threads = True
    stop = threading.Event()

    def shut_down(signum, _frame):
        log(f"signal {signum}: shutting down")
        stop.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, shut_down)
    signal.signal(signal.SIGINT, shut_down)
    threading.Thread(target=node.heartbeat_loop, args=(stop,), daemon=True).start()
    log(f"node {node_id} listening on 127.0.0.1:{args.port}, {len(node.peers)} peers")
    server.serve_forever(poll_interval=0.5)
    server.server_close()
    log("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
