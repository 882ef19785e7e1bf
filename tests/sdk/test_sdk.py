"""The SDK works out of tree: install the current build into a temporary
prefix, build tests/sdk/sample_plugin against it twice (CMake with
find_package(meetgate), and make with pkg-config), start the installed
daemon with --plugins-dir on a folder holding both builds, and check
/health lists them and their routes answer."""

import glob
import os
import shutil
import subprocess
import tempfile

from meetgate_harness import BUILD_DIR, SOURCE_DIR, Gateway, check

SAMPLE = os.path.join(SOURCE_DIR, "tests", "sdk", "sample_plugin")


def run(cmd, **kw):
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)
    if out.returncode != 0:
        print(f"$ {' '.join(cmd)}\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}", flush=True)
    return out.returncode == 0


def health_packages(body):
    data = (body or {}).get("data") or {}
    plugins = data.get("plugins") or []
    if isinstance(plugins, dict):
        return set(plugins)
    return {p.get("package") if isinstance(p, dict) else p for p in plugins}


tmp = tempfile.mkdtemp(prefix="meetgate-sdk-")
try:
    prefix = os.path.join(tmp, "prefix")
    check(run(["cmake", "--install", BUILD_DIR, "--prefix", prefix]),
          "cmake --install of the build tree into a temp prefix")
    check(os.path.exists(os.path.join(prefix, "include", "meetgate", "plugin.h")),
          "the SDK headers are installed")
    pc_files = glob.glob(os.path.join(prefix, "lib*", "**", "meetgate.pc"), recursive=True)
    check(len(pc_files) == 1, "meetgate.pc is installed", pc_files)

    plugins = os.path.join(tmp, "plugins")
    os.makedirs(plugins)

    # 1. CMake: find_package(meetgate) from the prefix.
    build = os.path.join(tmp, "build-cmake")
    ok = (run(["cmake", "-S", SAMPLE, "-B", build, "-G", "Ninja", f"-DCMAKE_PREFIX_PATH={prefix}",
               f"-DCMAKE_INSTALL_PREFIX={prefix}"]) and
          run(["cmake", "--build", build]))
    check(ok, "the sample builds with find_package(meetgate)")
    built = glob.glob(os.path.join(build, "libmeetgate_plugin_sdksample.so"))
    check(len(built) == 1, "the CMake build made libmeetgate_plugin_sdksample.so", built)
    for path in built:
        shutil.copy(path, plugins)

    # 2. pkg-config: the Makefile, with a second package name.
    build_pc = os.path.join(tmp, "build-pkgconfig")
    shutil.copytree(SAMPLE, build_pc)
    env = dict(os.environ, PKG_CONFIG_PATH=os.path.dirname(pc_files[0]) if pc_files else "")
    # The .pc was configured for the build's CMAKE_INSTALL_PREFIX; the install
    # went elsewhere, so let pkg-config derive the prefix from the file's path.
    check(run(["make", "-C", build_pc, "PKG_CONFIG=pkg-config --define-prefix"], env=env),
          "the sample builds with pkg-config")
    built_pc = glob.glob(os.path.join(build_pc, "libmeetgate_plugin_sdksample_pc.so"))
    check(len(built_pc) == 1, "the pkg-config build made its module", built_pc)
    for path in built_pc:
        shutil.copy(path, plugins)

    # 3. The installed daemon loads both from --plugins-dir.
    daemon = os.path.join(prefix, "bin", "meetgate")
    check(os.access(daemon, os.X_OK), "the daemon is installed", daemon)
    gw = Gateway(args=["--plugins-dir", plugins],
                 extra_env={"MEETGATE_PLUGINS_DIR": plugins}, wait_for_ws=False)
    gw.binary = daemon
    gw.plugins_dir = plugins
    transports = glob.glob(os.path.join(prefix, "lib*", "**", "meetgate", "transports"),
                           recursive=True)
    check(len(transports) == 1, "the transports are installed", transports)
    gw.transports_dir = transports[0] if transports else ""
    try:
        gw.start()
        status, body, _ = gw.http("GET", "/health")
        packages = health_packages(body)
        check({"meetgate.plugin.sdksample", "meetgate.plugin.sdksample_pc"} <= packages,
              "/health lists both out-of-tree plugins", body)
        for name in ("sdksample", "sdksample_pc"):
            status, body, _ = gw.http("GET", f"/api/v1/{name}")
            check(status == 200 and body["data"]["package"] == f"meetgate.plugin.{name}",
                  f"the {name} route answers", body)
        check(gw.stop() == 0, "the installed daemon exits 0 on SIGTERM")
    except RuntimeError as err:
        check(False, "the installed daemon starts", str(err)[-2000:])
        gw.close()
finally:
    shutil.rmtree(tmp, ignore_errors=True)
check.finish()
