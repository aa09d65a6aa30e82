# linux-x64 with the build machine's gcc (glibc). The glibc floor of the result is reported in docs/native-library.md.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER gcc)
