#!/usr/bin/env bash
# Installs a boothwatch program on Raspberry Pi OS / Debian (Bookworm or Trixie, arm64 or any
# other architecture: the programs are pure Java). Safe to run again: it upgrades in place and
# never overwrites a config the technician has edited.
#
#   install.sh booth-agent|gateway [--deb FILE | --jar FILE] [--example FILE] [--root DIR]
#
# With a .deb (the preferred way) apt installs the package and its Java runtime; dpkg keeps an
# edited /etc/boothwatch/*.properties on upgrades. Without one, the runnable jar, the systemd
# unit and an example config are installed by hand in the same places the package uses.
# --root DIR only stages the files under DIR (no apt, users, ownership or systemctl): for tests
# and for preparing an SD card image.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
checkout="$(dirname "$here")"

die() { echo "install: $*" >&2; exit 1; }
usage() {
    echo "usage: $(basename "$0") booth-agent|gateway [--deb FILE | --jar FILE] [--example FILE] [--root DIR]" >&2
    exit 2
}

[ $# -ge 1 ] || usage
component="$1"
shift
case "$component" in
    booth-agent)
        pkg=booth-agent; svc_user=booth-agent; conf=booth.properties
        example_name=booth.example.properties; data=agent; module=booth-agent ;;
    gateway|boothwatch-gateway)
        pkg=boothwatch-gateway; svc_user=boothwatch; conf=gateway.properties
        example_name=gateway.example.properties; data=gateway; module=gateway ;;
    *) echo "install: unknown component '$component' (allowed: booth-agent, gateway)" >&2; usage ;;
esac

deb="" jar="" example="" root=""
while [ $# -gt 0 ]; do
    case "$1" in
        --deb) [ $# -ge 2 ] || usage; deb="$2"; shift 2 ;;
        --jar) [ $# -ge 2 ] || usage; jar="$2"; shift 2 ;;
        --example) [ $# -ge 2 ] || usage; example="$2"; shift 2 ;;
        --root) [ $# -ge 2 ] || usage; root="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "install: unknown option '$1'" >&2; usage ;;
    esac
done
[ -z "$deb" ] || [ -z "$jar" ] || die "give either --deb or --jar, not both"

# Nothing given: use a package next to this script or from the build, else the built jar.
if [ -z "$deb" ] && [ -z "$jar" ]; then
    for candidate in "$here"/"${pkg}"_*_all.deb "$checkout"/packaging/target/"${pkg}"_*_all.deb; do
        [ -f "$candidate" ] && deb="$candidate"
    done
    if [ -z "$deb" ]; then
        jar="$checkout/$module/target/$module.jar"
        [ -f "$jar" ] || die "no ${pkg}_*_all.deb next to this script or in packaging/target, and no $jar; pass --deb or --jar"
    fi
fi
if [ -n "$jar" ] && [ -z "$example" ]; then
    example="$checkout/$module/$example_name"
    [ -f "$example" ] || example="$here/$example_name"
fi

staging=false
[ -n "$root" ] && staging=true

check_platform() {
    local codename="" arch=""
    if [ -r /etc/os-release ]; then
        codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
    fi
    arch="$(dpkg --print-architecture 2>/dev/null || uname -m)"
    case "$codename" in
        bookworm|trixie) ;;
        *) echo "install: warning: tested on Debian/Raspberry Pi OS bookworm and trixie, this is '${codename:-unknown}'" >&2 ;;
    esac
    [ "$arch" = arm64 ] || echo "install: note: architecture $arch (the Pi image is arm64; Java runs anywhere)" >&2
}

java_major() {
    # Prints the major version of the java on PATH, or 0.
    local v
    v="$(java -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)"
    echo "${v:-0}"
}

install_jre() {
    if command -v java >/dev/null 2>&1 && [ "$(java_major)" -ge 17 ]; then
        echo "install: Java $(java_major) already installed"
        return
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # Bookworm's default headless JRE is 17, Trixie's is 21; older releases need openjdk-17 by name.
    local candidate
    candidate="$(apt-cache policy default-jre-headless | sed -n 's/^ *Candidate: *//p')"
    if [ -n "$candidate" ] && [ "$candidate" != "(none)" ] \
        && dpkg --compare-versions "$candidate" ge 2:1.17; then
        apt-get install -y -qq --no-install-recommends default-jre-headless
    else
        apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless
    fi
    [ "$(java_major)" -ge 17 ] || die "Java 17 or newer is needed, found $(java_major)"
}

install_deb() {
    local path
    path="$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"
    [ -f "$path" ] || die "no such package: $deb"
    echo "install: installing $path"
    apt-get install -y -qq "$path"
}

ensure_user() {
    if [ "$pkg" = booth-agent ] && ! getent group gpio >/dev/null; then
        addgroup --system gpio
    fi
    if ! getent passwd "$svc_user" >/dev/null; then
        adduser --system --group --no-create-home --home "/var/lib/boothwatch/$data" \
            --shell /usr/sbin/nologin --comment "boothwatch $component" "$svc_user"
    fi
    if [ "$pkg" = booth-agent ] && ! id -nG "$svc_user" | tr ' ' '\n' | grep -qx gpio; then
        adduser "$svc_user" gpio
    fi
}

# Copies src to dst with mode, only when the content differs (prints what it did).
put() {
    local mode="$1" src="$2" dst="$3"
    if [ -f "$dst" ] && cmp -s "$src" "$dst"; then
        return
    fi
    install -D -m "$mode" "$src" "$dst"
    echo "install: wrote ${dst#"$root"}"
}

install_jar() {
    [ -f "$jar" ] || die "no such jar: $jar"
    [ -f "$example" ] || die "no example config: $example (pass --example FILE)"
    local unit="$here/systemd/$pkg.service"
    [ -f "$unit" ] || die "no unit file $unit (run this script from the boothwatch deploy directory)"
    if ! $staging && dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        die "the $pkg package is installed; upgrade it with --deb instead of installing a jar over it"
    fi
    if ! $staging; then
        ensure_user
    fi

    put 0644 "$jar" "$root/usr/share/$pkg/$pkg.jar"
    put 0644 "$example" "$root/usr/share/$pkg/$example_name"
    put 0644 "$unit" "$root/etc/systemd/system/$pkg.service"
    if [ "$pkg" = booth-agent ]; then
        put 0644 "$here/udev/60-boothwatch-gpio.rules" "$root/etc/udev/rules.d/60-boothwatch-gpio.rules"
    fi
    local config="$root/etc/boothwatch/$conf"
    if [ -e "$config" ]; then
        # Never touch an existing config: it holds this booth's ids, broker and credentials.
        if ! cmp -s "$example" "$config"; then
            echo "install: kept your /etc/boothwatch/$conf; compare it with /usr/share/$pkg/$example_name for new keys"
        fi
    else
        install -D -m 0640 "$example" "$config"
        echo "install: wrote /etc/boothwatch/$conf from the example"
    fi
    install -d -m 0755 "$root/var/lib/boothwatch"
    install -d -m 0750 "$root/var/lib/boothwatch/$data"

    if $staging; then
        return
    fi
    chown root:"$svc_user" "$config"
    chmod 0640 "$config"
    chown "$svc_user:$svc_user" "/var/lib/boothwatch/$data"
    if [ "$pkg" = booth-agent ] && command -v udevadm >/dev/null 2>&1; then
        udevadm control --reload-rules || true
        udevadm trigger --subsystem-match=gpio || true
    fi
    if [ -d /run/systemd/system ]; then
        systemctl daemon-reload
        systemctl enable "$pkg.service"
        if [ "$pkg" = boothwatch-gateway ]; then
            systemctl restart "$pkg.service"
        else
            systemctl try-restart "$pkg.service"
        fi
    fi
}

if $staging; then
    [ -n "$jar" ] || die "--root stages the jar install only (a .deb is installed by apt)"
    install_jar
    exit 0
fi

[ "$(id -u)" -eq 0 ] || die "run as root: sudo $0 $component ..."
check_platform
install_jre
if [ -n "$deb" ]; then
    install_deb
else
    install_jar
fi

echo "install: done. Config: /etc/boothwatch/$conf"
if [ "$pkg" = booth-agent ]; then
    echo "install: next: set site, booth and the broker in /etc/boothwatch/$conf, then check the wiring"
    echo "  sudo systemctl stop $pkg"
    echo "  sudo -u $svc_user java -jar /usr/share/$pkg/$pkg.jar selftest --config /etc/boothwatch/$conf"
    echo "then: sudo systemctl restart $pkg && journalctl -u $pkg -f"
else
    echo "install: status: systemctl status $pkg; logs: journalctl -u $pkg -f"
fi
