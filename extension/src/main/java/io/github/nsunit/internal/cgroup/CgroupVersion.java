package io.github.nsunit.internal.cgroup;

/** The two cgroup interfaces; their files differ for every figure nsunit reads or writes. */
enum CgroupVersion {
    V1,
    V2
}
