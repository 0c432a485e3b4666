# AXLE_SANITIZE=address,undefined builds every native target with those sanitizers.
set(AXLE_SANITIZE "" CACHE STRING "Comma-separated sanitizers (e.g. address,undefined)")
if(AXLE_SANITIZE)
  add_compile_options(-fsanitize=${AXLE_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${AXLE_SANITIZE})
endif()
