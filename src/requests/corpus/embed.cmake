# Writes a .cc holding the seed corpus (train.tsv, eval.tsv) as string views,
# so `linli` reads no file at run time. Run as `cmake -DDIR=<corpus> -DOUT=<.cc> -P`.
file(READ ${DIR}/train.tsv train)
file(READ ${DIR}/eval.tsv eval)
file(WRITE ${OUT} "// Generated from src/requests/corpus/*.tsv. Do not edit.\n#include \"requests/corpus.h\"\nnamespace linli::requests::corpus_data {\nstd::string_view trainTsv() {\n  return R\"linlicorpus(${train})linlicorpus\";\n}\nstd::string_view evalTsv() {\n  return R\"linlicorpus(${eval})linlicorpus\";\n}\n}  // namespace linli::requests::corpus_data\n")
