"""Self-play worker stand-in of a simulated Vast GPU host.

Started like the real worker:
  PYTHONPATH=. python3 -m app.training.generate_data --board-type hex8 --num-games 1000 \
      --engine descent --record-db data/games/selfplay_hex8.db
It plays no game: every few seconds (SIM_SELFPLAY_GAME_SECONDS overrides) it appends one row to the
games table of --record-db and logs one line per game to stdout. It stops after --num-games games
or on SIGTERM. Unknown flags are accepted and ignored, as the real script grows new ones.
"""

import argparse
import os
import random
import signal
import sqlite3
import sys
import time
import uuid

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS games (game_id TEXT PRIMARY KEY, board_type TEXT,"
    " created_at REAL, winner INT, moves INT)"
)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="generate_data")
    parser.add_argument("--board-type", default="square8")
    parser.add_argument("--num-games", type=int, default=1000)
    parser.add_argument("--engine", default="descent")
    parser.add_argument("--nn-model-id", default=None)
    parser.add_argument("--record-db", default=None)
    parser.add_argument("--seed", type=int, default=None)
    args, _ = parser.parse_known_args(argv)
    return args


def log(message):
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    print(f"{stamp} [generate_data] {message}", flush=True)


def game_seconds(rng):
    fixed = os.environ.get("SIM_SELFPLAY_GAME_SECONDS")
    return float(fixed) if fixed else rng.uniform(2.0, 4.0)


def record(db, board, winner, moves):
    db.execute(
        "INSERT INTO games (game_id, board_type, created_at, winner, moves) VALUES (?, ?, ?, ?, ?)",
        (uuid.uuid4().hex, board, time.time(), winner, moves),
    )
    db.commit()


def main(argv):
    args = parse_args(argv)
    db_path = args.record_db or f"data/games/selfplay_{args.board_type}.db"
    os.makedirs(os.path.dirname(db_path) or ".", exist_ok=True)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    rng = random.Random(args.seed)
    db = sqlite3.connect(db_path, timeout=30)
    db.execute(SCHEMA)
    db.commit()
    log(
        f"starting: board={args.board_type} engine={args.engine} games={args.num_games}"
        f" record_db={db_path} pid={os.getpid()}"
    )
    played = 0
    while played < args.num_games and not stopping:
        started = time.monotonic()
        deadline = started + game_seconds(rng)
        while not stopping and time.monotonic() < deadline:
            time.sleep(min(0.25, max(0.0, deadline - time.monotonic())))
        if stopping:
            break
        winner, moves = rng.randint(1, 2), rng.randint(30, 160)
        record(db, args.board_type, winner, moves)
        played += 1
        log(
            f"game {played}/{args.num_games} board={args.board_type} winner=P{winner}"
            f" moves={moves} ({time.monotonic() - started:.1f}s)"
        )
    db.close()
    log(f"finished: {played} games" + (" (SIGTERM)" if stopping else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
