//! The `wasi_snapshot_preview1` functions that take descriptors or paths, defined over the
//! run's [`Vfs`] in place of wasmtime-wasi's: they decode the guest's arguments from its
//! linear memory, call the filesystem, and encode the answer back, as the witx lays it out.
//!
//! [`add_to_linker`] runs after `wasmtime_wasi::p1::add_to_linker_async` and shadows its
//! definitions of these functions, leaving the others (arguments, environment, clocks,
//! randomness, `proc_exit`, `sched_yield`) to wasmtime-wasi. Every function here returns the
//! guest's `errno`; only output beyond a stream's cap is a trap, which ends the run.

use wasmtime::{Caller, Extern, Linker};

use super::abi::{EVENT_SIZE, Errno, GuestMemory, SUBSCRIPTION_SIZE, Subscription, whence};
use super::poll::Plan;
use super::{CallError, Vfs};

const MODULE: &str = "wasi_snapshot_preview1";

/// How a store's data leads to its run's filesystem.
pub(crate) type Project<T> = fn(&mut T) -> &mut Vfs;

/// Runs `f` over the guest's memory and its filesystem, and turns the outcome into the
/// function's answer: 0, an `errno`, or a trap.
fn call<T: 'static>(
    caller: &mut Caller<'_, T>,
    project: Project<T>,
    f: impl FnOnce(&mut GuestMemory<'_>, &mut Vfs) -> Result<(), CallError>,
) -> wasmtime::Result<i32> {
    let memory = caller
        .get_export("memory")
        .and_then(Extern::into_memory)
        .ok_or_else(|| wasmtime::format_err!("the guest exports no memory"))?;
    let (bytes, state) = memory.data_and_store_mut(caller);
    let mut memory = GuestMemory::new(bytes);
    match f(&mut memory, project(state)) {
        Ok(()) => Ok(0),
        Err(CallError::Errno(errno)) => Ok(i32::from(errno.0)),
        Err(CallError::Trap(trap)) => Err(trap),
    }
}

/// Which way bytes move in [`transfer`].
#[derive(Debug, Clone, Copy)]
enum Transfer {
    Read,
    Write,
}

/// `fd_read`, `fd_pread`, `fd_write` and `fd_pwrite`: moves bytes between descriptor `fd` and
/// the `count` buffers listed at `iovs` (at offset `at` for the positioned ones), and stores
/// how many moved at `out`.
fn transfer(
    memory: &mut GuestMemory<'_>,
    vfs: &mut Vfs,
    way: Transfer,
    (fd, iovs, count, out): (i32, i32, i32, i32),
    at: Option<i64>,
) -> Result<(), CallError> {
    let iovecs = memory.iovecs(iovs as u32, count as u32)?;
    let at = at.map(|at| at as u64);
    let moved = match way {
        Transfer::Read => vfs.fd_read(memory, fd as u32, &iovecs, at)?,
        Transfer::Write => vfs.fd_write(memory, fd as u32, &iovecs, at)?,
    };
    Ok(memory.write_u32(out as u32, moved)?)
}

/// Defines every preview 1 function that takes a descriptor or a path, shadowing
/// wasmtime-wasi's, over the filesystem `project` finds in a store's data.
///
/// # Errors
///
/// When wasmtime refuses a definition (it does not, for a linker that allows shadowing).
#[expect(
    clippy::too_many_lines,
    reason = "one short definition per WASI function"
)]
pub(crate) fn add_to_linker<T: Send + 'static>(
    linker: &mut Linker<T>,
    project: Project<T>,
) -> wasmtime::Result<()> {
    linker.allow_shadowing(true);
    // `wasi!(name(memory, vfs, arg: type, ...) { body })` defines `name` with the guest's
    // arguments as the witx lowers them (i32 and i64), running `body` through `call`.
    macro_rules! wasi {
        ($name:ident($m:pat_param, $vfs:pat_param $(, $arg:ident: $ty:ty)*) $body:block) => {
            let name = stringify!($name);
            linker.func_wrap(MODULE, name, move |mut c: Caller<'_, T>, $($arg: $ty),*| {
                call(&mut c, project, |$m: &mut GuestMemory<'_>, $vfs: &mut Vfs| $body)
            })?;
        };
    }

    // The calls on a descriptor, in the witx's order.
    wasi!(fd_close(_, vfs, fd: i32) { Ok(vfs.fd_close(fd as u32)?) });
    wasi!(fd_renumber(_, vfs, from: i32, to: i32) { Ok(vfs.fd_renumber(from as u32, to as u32)?) });
    wasi!(fd_read(m, vfs, fd: i32, iovs: i32, n: i32, out: i32) {
        transfer(m, vfs, Transfer::Read, (fd, iovs, n, out), None)
    });
    wasi!(fd_pread(m, vfs, fd: i32, iovs: i32, n: i32, at: i64, out: i32) {
        transfer(m, vfs, Transfer::Read, (fd, iovs, n, out), Some(at))
    });
    wasi!(fd_write(m, vfs, fd: i32, iovs: i32, n: i32, out: i32) {
        transfer(m, vfs, Transfer::Write, (fd, iovs, n, out), None)
    });
    wasi!(fd_pwrite(m, vfs, fd: i32, iovs: i32, n: i32, at: i64, out: i32) {
        transfer(m, vfs, Transfer::Write, (fd, iovs, n, out), Some(at))
    });
    wasi!(fd_seek(m, vfs, fd: i32, offset: i64, whence: i32, out: i32) {
        let position = vfs.fd_seek(fd as u32, offset, whence as u8)?;
        Ok(m.write_u64(out as u32, position)?)
    });
    wasi!(fd_tell(m, vfs, fd: i32, out: i32) {
        let position = vfs.fd_seek(fd as u32, 0, whence::CUR)?;
        Ok(m.write_u64(out as u32, position)?)
    });
    wasi!(fd_fdstat_get(m, vfs, fd: i32, out: i32) {
        let stat = vfs.fd_fdstat_get(fd as u32)?;
        Ok(m.write(out as u32, &stat.encode())?)
    });
    wasi!(fd_fdstat_set_flags(_, vfs, fd: i32, flags: i32) {
        Ok(vfs.fd_fdstat_set_flags(fd as u32, flags as u16)?)
    });
    // Rights change nothing here; wasmtime-wasi answers the same.
    wasi!(fd_fdstat_set_rights(_, vfs, fd: i32, _base: i64, _inheriting: i64) {
        vfs.fd_fdstat_get(fd as u32)?;
        Err(Errno::NOTSUP.into())
    });
    wasi!(fd_filestat_get(m, vfs, fd: i32, out: i32) {
        let stat = vfs.fd_filestat_get(fd as u32)?;
        Ok(m.write(out as u32, &stat.encode())?)
    });
    wasi!(fd_filestat_set_size(_, vfs, fd: i32, size: i64) {
        Ok(vfs.fd_filestat_set_size(fd as u32, size as u64)?)
    });
    wasi!(fd_filestat_set_times(_, vfs, fd: i32, atim: i64, mtim: i64, flags: i32) {
        Ok(vfs.fd_filestat_set_times(fd as u32, atim as u64, mtim as u64, flags as u16)?)
    });
    wasi!(fd_allocate(_, vfs, fd: i32, offset: i64, len: i64) {
        Ok(vfs.fd_allocate(fd as u32, offset as u64, len as u64)?)
    });
    wasi!(fd_advise(_, vfs, fd: i32, _offset: i64, _len: i64, _advice: i32) {
        Ok(vfs.fd_check(fd as u32)?)
    });
    wasi!(fd_sync(_, vfs, fd: i32) { Ok(vfs.fd_check(fd as u32)?) });
    wasi!(fd_datasync(_, vfs, fd: i32) { Ok(vfs.fd_check(fd as u32)?) });
    wasi!(fd_prestat_get(m, vfs, fd: i32, out: i32) {
        let name = vfs.fd_prestat(fd as u32)?;
        let len = u32::try_from(name.len()).map_err(|_| Errno::OVERFLOW)?;
        // A prestat: tag 0 (a folder), then the length of its name.
        let mut prestat = [0u8; 8];
        prestat[4..].copy_from_slice(&len.to_le_bytes());
        Ok(m.write(out as u32, &prestat)?)
    });
    wasi!(fd_prestat_dir_name(m, vfs, fd: i32, buf: i32, len: i32) {
        let name = vfs.fd_prestat(fd as u32)?;
        if name.len() > len as u32 as usize {
            return Err(Errno::NAMETOOLONG.into());
        }
        Ok(m.write(buf as u32, name.as_bytes())?)
    });
    wasi!(fd_readdir(m, vfs, fd: i32, buf: i32, len: i32, cookie: i64, out: i32) {
        let used = vfs.fd_readdir(m, fd as u32, buf as u32, len as u32, cookie as u64)?;
        Ok(m.write_u32(out as u32, used)?)
    });

    // The calls on a path, relative to a folder descriptor.
    wasi!(path_open(
        m, vfs, fd: i32, lookup: i32, path: i32, len: i32, oflags: i32, base: i64,
        _inheriting: i64, fdflags: i32, out: i32
    ) {
        let path = m.str(path as u32, len as u32)?;
        let opened = vfs.path_open(
            fd as u32,
            lookup as u32,
            path,
            oflags as u16,
            base as u64,
            fdflags as u16,
        )?;
        Ok(m.write_u32(out as u32, opened)?)
    });
    wasi!(path_create_directory(m, vfs, fd: i32, path: i32, len: i32) {
        Ok(vfs.path_create_directory(fd as u32, m.str(path as u32, len as u32)?)?)
    });
    wasi!(path_filestat_get(m, vfs, fd: i32, lookup: i32, path: i32, len: i32, out: i32) {
        let path = m.str(path as u32, len as u32)?;
        let stat = vfs.path_filestat_get(fd as u32, lookup as u32, path)?;
        Ok(m.write(out as u32, &stat.encode())?)
    });
    wasi!(path_filestat_set_times(
        m, vfs, fd: i32, lookup: i32, path: i32, len: i32, atim: i64, mtim: i64, flags: i32
    ) {
        let path = m.str(path as u32, len as u32)?;
        let (atim, mtim) = (atim as u64, mtim as u64);
        Ok(vfs.path_filestat_set_times(fd as u32, lookup as u32, path, atim, mtim, flags as u16)?)
    });
    wasi!(path_link(
        m, vfs, old_fd: i32, lookup: i32, old: i32, old_len: i32, new_fd: i32, new: i32,
        new_len: i32
    ) {
        let old = m.str(old as u32, old_len as u32)?;
        let new = m.str(new as u32, new_len as u32)?;
        Ok(vfs.path_link(old_fd as u32, lookup as u32, old, new_fd as u32, new)?)
    });
    wasi!(path_readlink(m, vfs, fd: i32, path: i32, len: i32, buf: i32, buf_len: i32, out: i32) {
        let target = vfs.path_readlink(fd as u32, m.str(path as u32, len as u32)?)?;
        let n = target.len().min(buf_len as u32 as usize);
        m.write(buf as u32, &target.as_bytes()[..n])?;
        Ok(m.write_u32(out as u32, n as u32)?)
    });
    wasi!(path_remove_directory(m, vfs, fd: i32, path: i32, len: i32) {
        Ok(vfs.path_remove_directory(fd as u32, m.str(path as u32, len as u32)?)?)
    });
    wasi!(path_rename(
        m, vfs, fd: i32, old: i32, old_len: i32, new_fd: i32, new: i32, new_len: i32
    ) {
        let old = m.str(old as u32, old_len as u32)?;
        let new = m.str(new as u32, new_len as u32)?;
        Ok(vfs.path_rename(fd as u32, old, new_fd as u32, new)?)
    });
    wasi!(path_symlink(m, vfs, old: i32, old_len: i32, fd: i32, new: i32, new_len: i32) {
        let target = m.str(old as u32, old_len as u32)?;
        Ok(vfs.path_symlink(target, fd as u32, m.str(new as u32, new_len as u32)?)?)
    });
    wasi!(path_unlink_file(m, vfs, fd: i32, path: i32, len: i32) {
        Ok(vfs.path_unlink_file(fd as u32, m.str(path as u32, len as u32)?)?)
    });

    // A run has no sockets: the socket calls answer as for a descriptor that is not one.
    wasi!(sock_accept(_, vfs, fd: i32, _flags: i32, _out: i32) { Err(vfs.sock(fd as u32).into()) });
    wasi!(sock_recv(_, vfs, fd: i32, _iovs: i32, _n: i32, _flags: i32, _out: i32, _oflags: i32) {
        Err(vfs.sock(fd as u32).into())
    });
    wasi!(sock_send(_, vfs, fd: i32, _iovs: i32, _n: i32, _flags: i32, _out: i32) {
        Err(vfs.sock(fd as u32).into())
    });
    wasi!(sock_shutdown(_, vfs, fd: i32, _how: i32) { Err(vfs.sock(fd as u32).into()) });

    // Waiting, which also covers the standard streams' readiness.
    linker.func_wrap_async(
        MODULE,
        "poll_oneoff",
        move |mut c: Caller<'_, T>, (subs, events, count, out): (i32, i32, i32, i32)| {
            Box::new(async move {
                let mut plan = None;
                let answer = call(&mut c, project, |m, vfs| {
                    if count <= 0 {
                        return Err(Errno::INVAL.into());
                    }
                    let count = count as u32;
                    // The events must fit where the guest wants them before anything waits.
                    m.slice(events as u32, count.saturating_mul(EVENT_SIZE))?;
                    let subscriptions = m
                        .slice(subs as u32, count.saturating_mul(SUBSCRIPTION_SIZE))?
                        .chunks_exact(SUBSCRIPTION_SIZE as usize)
                        .map(Subscription::decode)
                        .collect::<Result<Vec<_>, _>>()?;
                    plan = Some(vfs.plan_poll(&subscriptions));
                    Ok(())
                })?;
                let Some(plan) = plan else {
                    return Ok(answer);
                };
                let reported = match plan {
                    Plan::Ready(reported) => reported,
                    Plan::Wait { until, clocks } => {
                        // Asleep on the executor: the deadline's timer and a cancellation
                        // drop this future, and the run with it.
                        tokio::time::sleep_until(until.into()).await;
                        Plan::due(&clocks, std::time::Instant::now().max(until))
                    }
                };
                call(&mut c, project, |m, _| {
                    for (i, event) in (0u32..).zip(&reported) {
                        m.write(events as u32 + i * EVENT_SIZE, event)?;
                    }
                    Ok(m.write_u32(out as u32, reported.len() as u32)?)
                })
            })
        },
    )?;
    Ok(())
}
