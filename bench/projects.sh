# Sourced by bench/run.sh and bench/lint-vs-dclint.sh: the generated benchmark projects. gen_project DIR NAME COUNT
# writes DIR/compose.yaml with a postgres service and COUNT-1 application services (env interpolation, a
# connection URL, ports, a named volume and a config bind mount, depends_on, healthcheck, labels each), its .env and
# the config directories.

service() { # service NAME INDEX
  local n=$1 i=$2
  cat <<EOF
  $n:
    image: registry.example.com/team/$n:1.$((i % 7)).$i
    restart: unless-stopped
    environment:
      LOG_LEVEL: \${LOG_LEVEL:-info}
      DATABASE_URL: postgres://app:\${DB_PASSWORD:?set DB_PASSWORD}@db:5432/app
      SERVICE_INDEX: "$i"
    env_file: [.env]
    ports:
      - "127.0.0.1:$((20000 + i)):8080"
    volumes:
      - ${n}_data:/var/lib/$n
      - ./config/$n:/etc/$n:ro
    depends_on:
      db:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]
      interval: 30s
      timeout: 5s
      retries: 3
    labels:
      team: platform
      tier: "$(( i % 3 ))"
EOF
}

gen_project() { # gen_project DIR NAME SERVICES
  local dir=$1 name=$2 count=$3 i
  mkdir -p "$dir"
  {
    echo "name: $name"
    echo "services:"
    cat <<'EOF'
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD}
    volumes:
      - db_data:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD", "pg_isready", "-U", "postgres"]
      interval: 10s
EOF
    for ((i = 1; i < count; i++)); do service "svc$i" "$i"; done
    echo "volumes:"
    echo "  db_data: {}"
    for ((i = 1; i < count; i++)); do echo "  svc${i}_data: {}"; done
  } > "$dir/compose.yaml"
  printf 'DB_PASSWORD=bench-only\nLOG_LEVEL=debug\n' > "$dir/.env"
  for ((i = 1; i < count; i++)); do mkdir -p "$dir/config/svc$i"; done
}
