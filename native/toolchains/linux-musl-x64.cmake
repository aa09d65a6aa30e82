# linux-musl-x64 (Alpine and other musl systems) with musl-gcc: package musl-tools.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER musl-gcc)
