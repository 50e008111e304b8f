#!/usr/bin/env bash
# Lays out the real HWX corpus (../shared/hwx beside the checkout, or the folder given as $1) from
# the public repositories and pinned commits its MANIFEST.md names, and checks every file's byte
# size and sha256. Files already there and intact are kept. The corpus is fetched, never committed.
#
#   bash scripts/fetch-corpus.sh [DEST]
#   ANECC_CORPUS_BASE_URL=...    where <owner>/<repo>/<commit>/<path> is read from (default: GitHub's raw files)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:-$root/../shared/hwx}"
base="${ANECC_CORPUS_BASE_URL:-https://raw.githubusercontent.com}"

allbilly=allbilly/ane
v3b9a63f=3b9a63f86e067774fba6c06d930557ba5576be34
vc9b8965=c9b8965e9b412158ff4d8727faca1e6d8173abac
ve9c0bc8=e9c0bc8b91ea767cc7db5a2812b51296897a0a98
v8e3badb=8e3badbc52d87d2340407d2e90af2eddc53c4490
alexaltea=AlexAltea/ane
ve397b69=e397b6978b7b380348390fff63c01ddc1d94e03b

# file in the corpus | bytes | sha256 | repository | commit | path in the repository
corpus="
mul.hwx|49152|3509ce7e5dc841d8f69d9eb5fce8ad79eb51705518d800ad9bdf6f98cc7553e3|$allbilly|$v3b9a63f|hwx/mul.hwx
mul.ane|21120|e34ee2b397bf808f70f3098cb7e46e41b1dc7c4b3b4fb2b40480278959161673|$allbilly|$v3b9a63f|hwx/mul.ane
mul_macos14.hwx|49152|3e3aa5047a53372b9afac3fd796d67b2fe5251bd6bb7a5c2568925d68f0b66d5|$allbilly|$v3b9a63f|hwx/mul_macos14.hwx
mul_macos14.ane|21120|efb664c4bb7247cb6b47bf3d2ac3666f625948d1f769daa772a62f87edd5ed0a|$allbilly|$v3b9a63f|hwx/mul_macos14.ane
mul_macos26_m1.hwx|65536|efd68eff8b95461a8f550e2be29995bc9b458e91fdbfb2502b726ba2d976dabc|$allbilly|$vc9b8965|hwx/mul_macos26_m1.hwx
mul_macos26_m4.ane|20992|0fd5c3fa0b9e568489e1ea4a42544c2b92db5859303864169eaf91ff5d902062|$allbilly|$ve9c0bc8|hwx/mul_macos26_m4.ane
tinygrad/concat.hwx|49152|745f5ad913ff52c96bee35246ae604ec8b5f050cf45e148672bd046329bb0b6a|$allbilly|$v3b9a63f|hwx/tinygrad/concat.hwx
tinygrad/concat.ane|21888|c873c44bc7ba5c24ca8d746a8c8a7d16cc50b761df88e401e38f2755d27b6a87|$allbilly|$v3b9a63f|hwx/tinygrad/concat.ane
tinygrad/concat_nz.hwx|49152|dd9062a9c49e5ddcaed62f11ab304c3c761e992b72a5ca4cede8e2d855b2684f|$allbilly|$v3b9a63f|hwx/tinygrad/concat_nz.hwx
tinygrad/concat_nz.ane|21888|b96524442e77ba64c34e09fa321d49d402840dbd301bd68bdf5628773c199d91|$allbilly|$v8e3badb|hwx/concat_nz.ane
tinygrad/conv.hwx|32768|6278589577111b84077e4c41041312b9c3add088a2e5c00c6ef755bc26136d8a|$allbilly|$v3b9a63f|hwx/tinygrad/conv.hwx
tinygrad/conv.ane|4928|559ee823d48528a1ffe7ebb8d43198767eb16c71ab564d24e2d4ac5ddf204df3|$allbilly|$v3b9a63f|hwx/tinygrad/conv.ane
tinygrad/gemm.hwx|557056|a84bc04d56496276afcb525aa1c804ee19c64c9890bc56f406c985519bfaa61b|$allbilly|$v3b9a63f|hwx/tinygrad/gemm.hwx
tinygrad/gemm.ane|529024|24ba5cfdb02ef23227a47482d3a137439aa731f6d64a489d4e9afc8aa4019473|$allbilly|$v3b9a63f|hwx/tinygrad/gemm.ane
tinygrad/gemm_nz.hwx|557056|91a51ba0f1ed5f0b1c20681f15b88f75d305c99efb9380f86ec2de64e488f568|$allbilly|$v3b9a63f|hwx/tinygrad/gemm_nz.hwx
tinygrad/gemm_nz.ane|529024|216cc29e3f4f03f7afc9105b87152caa332e489f3159813d6cd76343460391b5|$allbilly|$v8e3badb|hwx/gemm_nz.ane
tinygrad/relu.hwx|49152|e93256fe203fe02bb969221a7273d15e66c2c265b50d9821fa561dc82bab19bf|$allbilly|$v3b9a63f|hwx/tinygrad/relu.hwx
tinygrad/relu.ane|21120|d4bff03e805ac7292c4cb608fdc339a133b527066d0a5f5f837179282020950b|$allbilly|$v3b9a63f|hwx/tinygrad/relu.ane
tinygrad/sigmoid.hwx|32768|03ca267eff4c763f32baeeb7d7aa651ef88ee334b3c42a08438acbf22911b789|$allbilly|$v3b9a63f|hwx/tinygrad/sigmoid.hwx
tinygrad/sigmoid.ane|4864|ad31385c3ee6cb9d7a71335dfcbe2b483db1f0046f751931e410126d32fc8580|$allbilly|$v3b9a63f|hwx/tinygrad/sigmoid.ane
tinygrad/sum.hwx|49152|7def5f8246c9a3bf319ac8b356eee19c6636802584d6ea06a2e5dde515d693cb|$allbilly|$v3b9a63f|hwx/tinygrad/sum.hwx
tinygrad/sum.ane|21120|012e092cf4701754364e6ad7e5853841107d05bf8db2702db8365e14c4c5af8f|$allbilly|$v3b9a63f|hwx/tinygrad/sum.ane
generations/matmul_m10.hwx|49152|3ec1225a847eceb5eaaf8f052023675fc50b0e0ccb1498aca3ab0d2fa81379f1|$alexaltea|$ve397b69|tests/matmul/matmul_m10.hwx
generations/matmul_h11.hwx|49152|38b0f8dccea6d2e8d82bbed10357f1cf317262a4be8bef218c2d0d249e28b681|$alexaltea|$ve397b69|tests/matmul/matmul_h11.hwx
generations/matmul_t0.hwx|49152|87c175aed66fa90f181c3b3595e5db033678058639bec2faf4ad1b43ce283c5d|$alexaltea|$ve397b69|tests/matmul/matmul_t0.hwx
generations/matmul_h12.hwx|49152|c9ab3d7ba345e7def571ba57a5f4cd0df48acb50081390d4e054decedf9150e9|$alexaltea|$ve397b69|tests/matmul/matmul_h12.hwx
generations/matmul_h13.hwx|49152|1d2e15773cf02abd4174a546d2f6f04b1b3ab7b79012d339a0fb4c19851295fb|$alexaltea|$ve397b69|tests/matmul/matmul_h13.hwx
generations/matmul_h14.hwx|49152|146a1263dbfd3b5754482124789e163eec69f4dafc74d35905102a64a274dd77|$alexaltea|$ve397b69|tests/matmul/matmul_h14.hwx
generations/matmul_h15.hwx|49152|c62b00d4f547489371125fac05602bc254484815a3aa6402bdc1fd2b715019d2|$alexaltea|$ve397b69|tests/matmul/matmul_h15.hwx
"

sha256() { sha256sum "$1" | cut -d' ' -f1; }
intact() { [ -f "$1" ] && [ "$(wc -c < "$1" | tr -d ' ')" = "$2" ] && [ "$(sha256 "$1")" = "$3" ]; }

mkdir -p "$dest"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fetched=0 kept=0
while IFS='|' read -r file bytes sum repo commit path; do
  [ -n "$file" ] || continue
  target="$dest/$file"
  if intact "$target" "$bytes" "$sum"; then kept=$((kept + 1)); continue; fi
  download="$tmp/download"
  if ! curl --fail --silent --show-error --location --retry 3 --output "$download" "$base/$repo/$commit/$path"; then
    echo "fetch-corpus: cannot download $file from $repo at ${commit:0:7} ($path)" >&2
    exit 1
  fi
  got="$(wc -c < "$download" | tr -d ' ')"
  if [ "$got" != "$bytes" ] || [ "$(sha256 "$download")" != "$sum" ]; then
    echo "fetch-corpus: $file from $repo at ${commit:0:7} is $got bytes with sha256 $(sha256 "$download"), expected $bytes bytes with sha256 $sum" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$target")"
  mv "$download" "$target"
  fetched=$((fetched + 1))
done <<< "$corpus"
echo "fetch-corpus: $dest: $fetched fetched, $kept already there, every size and sha256 checked"
