# Shared helpers for the project's scripts (sourced, not run).

# Installs the Debian packages unefois builds against, when missing.
unefois_install_build_deps() {
    local missing=()
    for p in libsqlite3-dev libxml2-dev zlib1g-dev pkg-config; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Installation des paquets manquants : ${missing[*]}"
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
    fi
}
