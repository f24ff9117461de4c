# Changing users: setpriv and su from root to nobody, and id.
# arch: armel mips64el
id
setpriv --reuid=nobody --regid=nogroup --clear-groups id
setpriv --reuid=nobody --regid=nogroup --clear-groups sh -c 'touch /root/x' 2>&1 | sed 's/^.*: //'
su -s /bin/sh nobody -c id
echo "su: exit $?"
su -s /bin/sh -c 'id -un' nobody </dev/null
