/* The corpus replay: each file named (or each file in each directory named)
   goes to the target's LLVMFuzzerTestOneInput once, with no fuzzing engine.
   A sanitizer report or a harness finding aborts with the file's name printed first. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t length);

static int compare_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static size_t replayed;

static void replay_file(const char *path) {
  FILE *file = fopen(path, "rb");
  if (!file) {
    perror(path);
    exit(2);
  }
  size_t capacity = 4096, length = 0;
  uint8_t *data = malloc(capacity);
  size_t got;
  while (data && (got = fread(data + length, 1, capacity - length, file)) > 0) {
    length += got;
    if (length == capacity) data = realloc(data, capacity *= 2);
  }
  fclose(file);
  if (!data) exit(2);
  fprintf(stderr, "replay: %s\n", path);
  /* An exact-size copy, so that a read past the input is caught. */
  uint8_t *exact = malloc(length ? length : 1);
  if (!exact) exit(2);
  memcpy(exact, data, length);
  free(data);
  LLVMFuzzerTestOneInput(exact, length);
  free(exact);
  replayed++;
}

static void replay_path(const char *path) {
  struct stat info;
  if (stat(path, &info) != 0) {
    perror(path);
    exit(2);
  }
  if (!S_ISDIR(info.st_mode)) {
    replay_file(path);
    return;
  }
  DIR *dir = opendir(path);
  if (!dir) {
    perror(path);
    exit(2);
  }
  char **names = NULL;
  size_t count = 0;
  struct dirent *entry;
  while ((entry = readdir(dir)) != NULL) {
    if (entry->d_name[0] == '.') continue;
    names = realloc(names, (count + 1) * sizeof *names);
    size_t size = strlen(path) + strlen(entry->d_name) + 2;
    names[count] = malloc(size);
    snprintf(names[count++], size, "%s/%s", path, entry->d_name);
  }
  closedir(dir);
  qsort(names, count, sizeof *names, compare_names);
  for (size_t i = 0; i < count; i++) {
    replay_path(names[i]);
    free(names[i]);
  }
  free(names);
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) replay_path(argv[i]);
  printf("replayed %zu inputs\n", replayed);
  return 0;
}
