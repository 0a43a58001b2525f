#!/usr/bin/env bash
# Retakes lua-bridge/wireshark-synack-wrong-ack.png: Wireshark under Xvfb with the plugin, the
# filter "tcplint" and frame 2 (the SYN-ACK acknowledging 5001) selected.
# Needs: apt-get install -y wireshark-qt xvfb imagemagick xdotool xauth; a built target/tcplint.jar.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
cp "$repo/testdata/seed-wrong-synack-ack.pcapng" "$work/seed.pcapng"
"$repo/tcplint" check -q --fail-on never -f wireshark -o "$work/seed.pcapng.tcplint.tsv" "$work/seed.pcapng"
mkdir -p "$work/home" "$work/run" && chmod 700 "$work/run"
cat > "$work/gui.sh" <<GUI
#!/bin/bash
cd "$work"
wireshark -r seed.pcapng -X lua_script:$repo/lua-bridge/tcplint.lua \
  -o tcplint.findings:$work/seed.pcapng.tcplint.tsv -Y tcplint -g 2 > ws.log 2>&1 &
ws=\$!
for i in \$(seq 1 60); do sleep 1; w=\$(xdotool search --name 'seed\.pcapng' | head -1 || true); [ -n "\$w" ] && break; done
sleep 3
xdotool windowsize "\$w" 1380 880 windowmove "\$w" 0 0; sleep 2
xdotool mousemove 150 485 click 1; sleep 0.5; xdotool key End; sleep 0.3; xdotool key shift+Right; sleep 2
import -window root "$repo/lua-bridge/wireshark-synack-wrong-ack.png"
kill \$ws
GUI
chmod +x "$work/gui.sh"
HOME="$work/home" XDG_RUNTIME_DIR="$work/run" xvfb-run -a -s "-screen 0 1400x900x24" "$work/gui.sh"
echo "wrote $repo/lua-bridge/wireshark-synack-wrong-ack.png"
