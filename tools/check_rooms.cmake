# The room rules the compiler cannot see (docs/architecture.md, "What enforces
# it"). Run as `cmake -DSRC=<src> -DDOCS=<architecture.md> -DROOMS=<list> -P`,
# where ROOMS holds "room:linli_dep,linli_dep" entries, separated by "|", as
# CMakeLists declares them.
# 1. Every folder of src/ is a declared room, and has a paragraph in the docs.
# 2. A room includes another domain room (one with a module.cc) only when it
#    declares it in DEPS, and then only the headers that room exposes (checked
#    by the compiler; here the declaration).
# 3. SQL only in repo files (repo*.cc, repo*.h) and storage/.
# Tests (*_test.cc) are not held to 2 and 3: they drive the whole app and may
# read the database to check it. Benchmarks live outside src/.
# 4. Boost.Beast and Asio only in src/http.
cmake_minimum_required(VERSION 3.25)
set(failures "")
macro(fail message)
  list(APPEND failures "${message}")
endmacro()

string(REPLACE "|" ";" ROOMS "${ROOMS}")
file(READ ${DOCS} docs)
set(declared "")
foreach(entry ${ROOMS})
  string(REGEX REPLACE ":.*" "" room "${entry}")
  string(FIND "${entry}" ":" colon)
  math(EXPR after "${colon} + 1")
  string(SUBSTRING "${entry}" ${after} -1 deps)
  string(REPLACE "," ";" deps "${deps}")
  list(APPEND declared ${room})
  set(deps_${room} ${deps})
  string(FIND "${docs}" "**${room}/**" at)
  if(at EQUAL -1)
    fail("src/${room}/ has no paragraph (**${room}/**) in docs/architecture.md")
  endif()
endforeach()

file(GLOB entries LIST_DIRECTORIES true RELATIVE ${SRC} ${SRC}/*)
set(domain "")
foreach(e ${entries})
  if(IS_DIRECTORY ${SRC}/${e})
    if(NOT e IN_LIST declared)
      fail("src/${e}/ is not a room: add linli_room(${e} ...) to CMakeLists.txt")
    endif()
    if(EXISTS ${SRC}/${e}/module.cc)
      list(APPEND domain ${e})
    endif()
  endif()
endforeach()

file(GLOB_RECURSE files RELATIVE ${SRC} ${SRC}/*.cc ${SRC}/*.h)
foreach(f ${files})
  string(REGEX REPLACE "/.*" "" room "${f}")
  if(room STREQUAL f)
    continue()  # src/main.cc
  endif()
  get_filename_component(base ${f} NAME)
  if(base MATCHES "_test\\.cc$")
    continue()  # tests use the whole app (testing/demo_app.h)
  endif()
  file(READ ${SRC}/${f} text)
  # 2. Domain rooms only through declared dependencies.
  string(REGEX MATCHALL "#include \"[a-z0-9_]+/" includes "${text}")
  list(REMOVE_DUPLICATES includes)
  foreach(inc ${includes})
    string(REGEX REPLACE "#include \"([a-z0-9_]+)/" "\\1" other "${inc}")
    if(NOT other STREQUAL room AND other IN_LIST domain AND NOT room STREQUAL "testing")
      if(NOT "linli_${other}" IN_LIST deps_${room})
        fail("src/${f} includes ${other}/ but room ${room} does not declare DEPS linli_${other}")
      endif()
    endif()
  endforeach()
  # 3. SQL only in repos and storage.
  if(NOT room STREQUAL "storage" AND NOT base MATCHES "^repo")
    if(text MATCHES "\"(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE TABLE|WITH [a-z_]+ AS) ")
      fail("src/${f} holds SQL (${CMAKE_MATCH_1}); move it into the room's repo")
    endif()
  endif()
  # 4. Beast only in http.
  if(NOT room STREQUAL "http" AND text MATCHES "boost/(beast|asio)|boost::(beast|asio)")
    fail("src/${f} uses Boost.Beast/Asio, which only src/http may")
  endif()
endforeach()

if(failures)
  list(LENGTH failures n)
  string(REPLACE ";" "\n  " listed "${failures}")
  message(FATAL_ERROR "room rules: ${n} broken:\n  ${listed}")
endif()
list(LENGTH declared n)
message(STATUS "room rules: ${n} rooms, all rules hold")
