# Every kind of entry and metadata a volume can hold that the guard must bring back (ArchiveExactnessIT).
set -e
cd /v
chmod 700 . ; chown 999:999 .
mkfifo ctl.fifo
echo hi > f; chmod 4755 f; ln f hard
setfattr -n user.note -v hello f
setfattr -n user.bin -v 0x00ff10 f
touch old; touch -h -d "1960-01-01 00:00:00" old
touch -d "2020-01-01 00:00:00.123456789" sub
truncate -s 10M sparse; printf x >> sparse
mkdir sticky; chmod 1777 sticky; mkdir sg; chmod 2750 sg; chown 12:34 sg
ln -s f sym; touch -h -d "2001-02-03 04:05:06.5" sym
ln -s sticky/../f dotdot
mkdir empty; chmod 0 empty
setfacl -m u:1234:rw,g:55:r sub
mkdir acldir; setfacl -d -m u:1234:rwx acldir; setfacl -m u:1234:rx acldir
setcap cap_net_bind_service+ep sub
touch -d "2010-10-10 10:10:10.25" sticky
