# Sourced by .ci/run and demo.sh: installs JDK 17 and Maven on a Debian machine that lacks them
# (as root, with apt), then puts JDK 17 first when several JDKs are installed.
need_install=()
if ! command -v javac >/dev/null 2>&1 || ! javac -version 2>&1 | grep -q ' 17\.'; then
  need_install+=(openjdk-17-jdk-headless)
fi
if ! command -v mvn >/dev/null 2>&1; then
  need_install+=(maven)
fi
if ! command -v tar >/dev/null 2>&1; then
  need_install+=(tar)
fi
if [ ${#need_install[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${need_install[@]}"
fi
# The build needs JDK 17 (the enforcer refuses others).
for candidate in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-arm64 /usr/lib/jvm/temurin-17-jdk-amd64; do
  if [ -x "$candidate/bin/javac" ]; then
    export JAVA_HOME="$candidate"
    export PATH="$JAVA_HOME/bin:$PATH"
    break
  fi
done
