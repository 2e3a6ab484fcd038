// A program importing agent-bom with agent-core and agent-memory resolves one Jackson version and at most 40 MB.
def jars = new File(basedir, 'target/runtime-jars').listFiles().findAll { it.name.endsWith('.jar') }.sort { -it.length() }
long total = jars.sum { it.length() } as long
def jackson = jars.findAll { it.name.startsWith('jackson-') }
// one release line: jackson-annotations is versioned 2.20 beside 2.20.1 of the others (Jackson's own scheme)
def versions = jackson.collect { (it.name =~ /-(\d+\.\d+)(\.\d+)?\.jar$/)[0][1] }.unique()
println "footprint: ${jars.size()} jars, ${String.format('%.1f', total / 1e6)} MB; Jackson ${versions}"
jars.take(8).each { println String.format('  %7.2f MB  %s', it.length() / 1e6, it.name) }
assert versions.size() == 1 : "Jackson versions ${versions} in ${jackson*.name}"
assert total <= 40_000_000L : "the runtime jars take ${total} bytes, over 40 MB"
assert !jars.any { it.name.startsWith('onnxruntime') || it.name.contains('all-minilm') } : 'the embedding model came along'
assert !jars.any { it.name.startsWith('langchain4j-open-ai') } : 'the OpenAI client came along'
return true
