#include <stdio.h>
int main(void) { puts("reluscope"); return 0; }
