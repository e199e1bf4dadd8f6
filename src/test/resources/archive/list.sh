cd "$1" || exit 1
find . -print0 | sort -z | while IFS= read -r -d '' p; do
  ino=$(stat -c %i "$p"); first=$(find . -inum "$ino" | sort | head -1)
  echo "$(stat -c "%n|%F|%a|%u|%g|%.9Y|%s|%b|%N" "$p")|link=$first"
  [ -L "$p" ] || getfattr -h -d -m - --absolute-names -e hex "$p" 2>/dev/null | grep -v '^#' | grep . | sed 's/^/  xattr /'
done
