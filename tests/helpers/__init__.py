"""What the tests share besides fixtures: paths, servers and clients on loopback, the
browser's tools, and engines, disks and meters made for tests."""
