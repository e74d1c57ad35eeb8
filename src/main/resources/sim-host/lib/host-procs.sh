# Shell functions shared by the stand-ins in ../bin. A simulated host has no PID namespace of its
# own: its processes are the ones whose environment carries its SIM_HOST_HOME (every command the
# host's SSH server runs gets it, and children inherit it).

# The pids of this host's processes, one a line.
host_pids() {
  grep -lzxF "SIM_HOST_HOME=$SIM_HOST_HOME" /proc/[0-9]*/environ 2>/dev/null |
    sed -e 's|^/proc/||' -e 's|/environ$||'
}

# The session ids of this host's processes, comma-separated (for pgrep -s / pkill -s).
host_sessions() {
  sessions=
  for pid in $(host_pids); do
    { read -r stat <"/proc/$pid/stat"; } 2>/dev/null || continue
    # stat is "pid (comm) state ppid pgrp session ..."; comm may hold spaces and parentheses.
    set -- ${stat##*) }
    case ",$sessions," in
      *",$4,"*) ;;
      *) sessions=${sessions:+$sessions,}$4 ;;
    esac
  done
  echo "$sessions"
}

# How many self-play workers (python3 -m app.training.generate_data) run on this host.
host_worker_count() {
  {
    host_pids | sed 's/^/host /'
    grep -lzxE 'app\.training\.generate_data|(.*/)?generate_data\.py' /proc/[0-9]*/cmdline 2>/dev/null |
      sed -e 's|^/proc/||' -e 's|/cmdline$||' -e 's/^/worker /'
  } | awk '$1 == "host" { host[$2] = 1 } $1 == "worker" { worker[$2] = 1 }
      END { n = 0; for (pid in worker) if (pid in host) n++; print n }'
}

# The first executable named $1 on PATH that is not one of these stand-ins.
real_tool() {
  stand_ins=$(cd "${0%/*}" && pwd)
  old_ifs=$IFS
  IFS=:
  for dir in $PATH; do
    [ "$dir" = "$stand_ins" ] && continue
    if [ -x "$dir/$1" ]; then
      IFS=$old_ifs
      echo "$dir/$1"
      return 0
    fi
  done
  IFS=$old_ifs
  return 1
}
