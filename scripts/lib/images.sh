# shellcheck shell=bash
IMAGE_NAMES=(python node pgvector)
image_step() { die "image builds are not implemented yet"; }
