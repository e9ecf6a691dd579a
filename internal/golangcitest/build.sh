#!/usr/bin/env bash
# Builds golangci-lint with the telephonyconfig plugin, the way a user
# does, with `golangci-lint custom` and the .custom-gcl.yml beside this
# script, and prints the path of the binary on standard output.
#
# golangci-lint custom clones https://github.com/golangci/golangci-lint.git
# at the tag of the version it builds. Where GitHub cannot be reached, this
# script makes a git repository from golangci-lint's module in the Go
# module cache, tags it, and has git fetch from there instead through
# url.<path>.insteadOf, set in GIT_CONFIG_COUNT/KEY/VALUE, which golangci-lint
# passes on to git. Everything else comes from the Go module proxy.
#
# The binary is cached under $TELEPHONYCONFIG_GCL_CACHE (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/telephonyconfig/golangci-lint), keyed by
# a hash of the Go version, GOOS, GOARCH, .custom-gcl.yml, go.mod, go.sum
# and the Go files of every package of this module that the plugin
# imports. On a 2-core machine, a build with an empty Go build cache took
# about 3 minutes, and a cached binary is found in well under a second.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
module=github.com/uvtools/telephonyconfig
plugin_package=$module/plugin
# The clone URL that golangci-lint v2.15.0 hard-codes in
# pkg/commands/internal/builder.go.
upstream_url=https://github.com/golangci/golangci-lint.git

version=$(sed -n 's/^version: *//p' "$here/.custom-gcl.yml")
name=$(sed -n 's/^name: *//p' "$here/.custom-gcl.yml")
if [[ -z $version || -z $name ]]; then
	echo "build.sh: $here/.custom-gcl.yml must set version and name on lines of their own" >&2
	exit 1
fi
cache=${TELEPHONYCONFIG_GCL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/telephonyconfig/golangci-lint}

log() { echo "build.sh: $*" >&2; }

# plugin_sources lists the files whose content decides the binary.
plugin_sources() {
	echo "$here/.custom-gcl.yml"
	echo "$root/go.mod"
	echo "$root/go.sum"
	(cd "$root" && go list -deps \
		-f '{{if and .Module (eq .Module.Path "'"$module"'")}}{{$dir := .Dir}}{{range .GoFiles}}{{$dir}}/{{.}}{{"\n"}}{{end}}{{range .EmbedFiles}}{{$dir}}/{{.}}{{"\n"}}{{end}}{{end}}' \
		"$plugin_package")
}

key=$(
	{
		go env GOVERSION GOOS GOARCH
		plugin_sources | LC_ALL=C sort | while read -r file; do
			echo "${file#"$root"/}"
			sha256sum <"$file"
		done
	} | sha256sum | cut -c1-16
)
binary=$cache/builds/$key/$name
if [[ -x $binary ]]; then
	log "using cached $binary"
	echo "$binary"
	exit 0
fi

start=$SECONDS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# golangci-lint itself, to run its custom command.
gcl=$cache/$version/bin/golangci-lint
if [[ ! -x $gcl ]]; then
	log "installing golangci-lint $version"
	(cd "$work" && GOBIN="$cache/$version/bin" go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$version")
fi

# A git repository of golangci-lint's source with the tag $version, made
# once per version from the module cache.
source_repo=$cache/$version/source.git
if [[ ! -e $source_repo/.done ]]; then
	log "making a git repository of golangci-lint $version from the module cache"
	module_dir=$(cd "$work" && go mod download -json "github.com/golangci/golangci-lint/v2@$version" |
		sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	if [[ ! -d $module_dir ]]; then
		log "go mod download printed no module directory for golangci-lint $version"
		exit 1
	fi
	rm -rf "$source_repo"
	mkdir -p "$source_repo"
	cp -R "$module_dir/." "$source_repo"
	chmod -R u+w "$source_repo"
	git -C "$source_repo" init -q
	# -f adds the files that golangci-lint's own .gitignore lists.
	git -C "$source_repo" add -f -A .
	git -C "$source_repo" -c user.name=build.sh -c user.email=build.sh@localhost \
		commit -q -m "golangci-lint $version from the Go module cache"
	git -C "$source_repo" tag "$version"
	touch "$source_repo/.done"
fi

# Append to any git configuration that the environment already sets.
count=${GIT_CONFIG_COUNT:-0}
export "GIT_CONFIG_KEY_$count=url.$source_repo.insteadOf"
export "GIT_CONFIG_VALUE_$count=$upstream_url"
export GIT_CONFIG_COUNT=$((count + 1))

log "building $name with golangci-lint $version custom"
(cd "$here" && "$gcl" custom -v --destination "$work/out") >&2
"$work/out/$name" version >&2

mkdir -p "$cache/builds/$key"
mv "$work/out/$name" "$binary.tmp"
mv "$binary.tmp" "$binary"
log "built $binary in $((SECONDS - start)) s"

# Keep the three newest builds.
ls -1dt "$cache/builds"/*/ | tail -n +4 | xargs -r rm -rf

echo "$binary"
