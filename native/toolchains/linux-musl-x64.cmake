# linux-musl-x64 (Alpine and other musl systems) with musl-gcc: package musl-tools.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER musl-gcc)

# libuv 1.52 includes Linux's own headers (linux/errqueue.h for UDP), which musl-gcc does not search: it sees musl's
# headers only, so that glibc's never mix in. The kernel's UAPI headers (linux-libc-dev, Alpine's linux-headers) are
# libc-neutral; a folder with just linux/, asm/ and asm-generic/ gives musl-gcc those and nothing of glibc's.
set(NODENET_KERNEL_HEADERS "${CMAKE_BINARY_DIR}/kernel-headers")
if(NOT EXISTS "${NODENET_KERNEL_HEADERS}/linux")
  file(MAKE_DIRECTORY "${NODENET_KERNEL_HEADERS}")
  file(CREATE_LINK /usr/include/linux "${NODENET_KERNEL_HEADERS}/linux" SYMBOLIC)
  file(CREATE_LINK /usr/include/asm-generic "${NODENET_KERNEL_HEADERS}/asm-generic" SYMBOLIC)
  file(CREATE_LINK /usr/include/x86_64-linux-gnu/asm "${NODENET_KERNEL_HEADERS}/asm" SYMBOLIC)
endif()
set(CMAKE_C_FLAGS_INIT "-idirafter ${NODENET_KERNEL_HEADERS}")
