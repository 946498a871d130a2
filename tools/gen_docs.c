/* gen_docs.c — build-time generator of the manual page reluscope(1) and the bash and zsh
 * completions (issue 18, item 6), from the same sources --help prints: the usage lines
 * of cli_help, the parameter table and the TUI's key map (session_help_text). Nothing
 * here is typed twice, so the manual and the completions cannot drift from --help.
 * Usage: gen_docs man|bash|zsh > FILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "param.h"
#include "session.h"
#include "version.h"

/* Text for roff: backslashes and hyphens escaped, a leading '.' or '\'' neutralised. */
static void roff(FILE *f, const char *s)
{
    if (*s == '.' || *s == '\'')
        fputs("\\&", f);
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\e", f);
        else if (*s == '-')
            fputs("\\-", f);
        else
            fputc(*s, f);
    }
}

/* The usage lines of --help (between "usage:" and the blank line after them). */
static size_t usage_lines(char lines[][256], size_t cap)
{
    char *buf = NULL;
    size_t len = 0, n = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return 0;
    cli_help(m);
    fclose(m);
    const char *u = strstr(buf, "usage:\n");
    for (const char *s = u ? u + 7 : ""; *s && *s != '\n' && n < cap;) {
        const size_t l = strcspn(s, "\n");
        snprintf(lines[n++], 256, "%.*s", (int)(l < 255 ? l : 255), s);
        s += l + (s[l] ? 1 : 0);
    }
    free(buf);
    return n;
}

/* The value words a key takes, space-separated, for the completions ("" for numbers). */
static void key_values(size_t i, char *out, size_t len)
{
    const param_def *d = &param_table[i];
    out[0] = 0;
    size_t used = 0;
    if (d->type == PT_ENUM || d->type == PT_SET) {
        for (size_t j = 0; d->names && d->names[j]; j++)
            used += (size_t)snprintf(out + used, used < len ? len - used : 0, "%s%s", j ? " " : "",
                                     d->names[j]);
    } else if (d->type == PT_KEY) {
        used += (size_t)snprintf(out, len, "none");
        for (size_t k = 0; k < param_count; k++)
            if ((param_table[k].type == PT_SIZE || param_table[k].type == PT_REAL) &&
                !(param_table[k].flags & PARAM_NO_SWEEP))
                used += (size_t)snprintf(out + used, used < len ? len - used : 0, " %s",
                                         param_table[k].key);
    }
}

static void man_keys(FILE *f)
{
    fputs(".SH KEYS\nEvery key is set with \\fB\\-\\-set\\fR \\fIKEY\\fR=\\fIVALUE\\fR or in a "
          "preset's [params] section; later settings win.\n",
          f);
    for (size_t i = 0; i < param_count; i++) {
        char allowed[400];
        param_allowed((int)i, allowed, sizeof allowed);
        fprintf(f, ".TP\n.B %s\n", param_table[i].key);
        roff(f, param_table[i].meaning);
        fputs(".\n.br\n", f);
        roff(f, allowed);
        fputs("; default ", f);
        roff(f, param_table[i].def[0] ? param_table[i].def : "(empty)");
        fputs(".\n", f);
    }
}

static void man_page(FILE *f)
{
    char usage[32][256];
    const size_t n = usage_lines(usage, 32);
    fprintf(f, ".TH RELUSCOPE 1 \"\" \"reluscope %s\" \"User Commands\"\n", version_release());
    fputs(".SH NAME\nreluscope \\- see how ReLU generative models are learned from samples\n"
          ".SH SYNOPSIS\n.nf\n",
          f);
    for (size_t i = 0; i < n; i++) {
        roff(f, usage[i] + strspn(usage[i], " "));
        fputc('\n', f);
    }
    fputs(".fi\n.SH DESCRIPTION\nreluscope explores how well the parameters of ReLU-type "
          "generative models can be recovered from samples: a terminal UI with a parameter "
          "panel and text plots recomputed in the background, screenshots, batch output as "
          "CSV or JSON with a self-describing '#' head, guided tours and recordings.\n"
          ".PP\nThe usage lines above are those of \\fB\\-\\-help\\fR; the keys below are its "
          "keys, from the same table.\n",
          f);
    man_keys(f);
    fputs(".SH INTERACTIVE KEYS\n.nf\n", f);
    for (const char *s = session_help_text(); *s;) {
        const size_t l = strcspn(s, "\n");
        char line[256];
        snprintf(line, sizeof line, "%.*s", (int)(l < 255 ? l : 255), s);
        roff(f, line);
        fputc('\n', f);
        s += l + (s[l] ? 1 : 0);
    }
    fputs(".fi\n.PP\nIn a tour (\\fB\\-\\-tour\\fR), space and \\(-> go to the next step, "
          "\\(<- back, and \\fBa\\fR toggles auto-advance.\n"
          ".SH FILES\n.TP\n.I presets/NAME.ini\nPresets, in the user directory "
          "($XDG_CONFIG_HOME/reluscope/presets), the source tree and the installed data "
          "directory.\n.TP\n.I presets/tours/NAME.ini\nTours.\n"
          ".SH EXIT STATUS\n0 done, 2 bad input (one line on stderr), 1 another failure.\n"
          ".SH SEE ALSO\nasciinema(1), parallel(1), sbatch(1)\n",
          f);
}

/* The options of the usage lines, each once, in order of first appearance. */
static size_t options(char opts[][32], size_t cap)
{
    char usage[32][256];
    const size_t n = usage_lines(usage, 32);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        for (const char *s = strstr(usage[i], "--"); s; s = strstr(s + 2, "--")) {
            const size_t l = strspn(s, "-abcdefghijklmnopqrstuvwxyz");
            char o[32];
            snprintf(o, sizeof o, "%.*s", (int)(l < 31 ? l : 31), s);
            size_t j = 0;
            while (j < m && strcmp(opts[j], o) != 0)
                j++;
            if (j == m && m < cap && l > 2)
                snprintf(opts[m++], 32, "%s", o);
            s += l - 2;
        }
    return m;
}

/* The parameter keys, space-separated (both completions list them). */
static void put_keys(FILE *f)
{
    for (size_t i = 0; i < param_count; i++)
        fprintf(f, "%s%s", i ? " " : "", param_table[i].key);
}

static void put_words(FILE *f, char (*words)[32], size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%s", i ? " " : "", words[i]);
}

/* One case line per key with a list of values: INDENT KEY) ASSIGN"VALUES" ;; */
static void put_value_cases(FILE *f, const char *indent, const char *assign)
{
    for (size_t i = 0; i < param_count; i++) {
        char v[2048];
        key_values(i, v, sizeof v);
        if (v[0])
            fprintf(f, "%s%s) %s\"%s\" ;;\n", indent, param_table[i].key, assign, v);
    }
}

static void bash_completion(FILE *f)
{
    char opts[64][32];
    const size_t n = options(opts, 64);
    fputs("# bash completion for reluscope, generated by tools/gen_docs from --help's usage,\n"
          "# the parameter table and the presets on the search path (issue 18).\n"
          "_reluscope_values() {\n    case $1 in\n",
          f);
    put_value_cases(f, "    ", "echo ");
    fputs(
        "    esac\n}\n\n_reluscope() {\n    local line=${COMP_LINE:0:COMP_POINT}\n"
        "    # words from the line itself: bash splits KEY=VALUE at '=' (COMP_WORDBREAKS)\n"
        "    local cur=${line##*[[:space:]]}\n    local head=${line%\"$cur\"}\n"
        "    head=${head%\"${head##*[![:space:]]}\"}\n    local prev=${head##*[[:space:]]}\n"
        "    COMPREPLY=()\n    case $prev in\n"
        "    --preset)\n        COMPREPLY=($(compgen -W \"$(\"${COMP_WORDS[0]}\" --list-presets "
        "2>/dev/null | awk '{print $1}')\" -- \"$cur\"))\n        return ;;\n"
        "    --set)\n        if [[ $cur == *=* ]]; then\n"
        "            local key=${cur%%=*}\n"
        "            COMPREPLY=($(compgen -W \"$(_reluscope_values \"$key\")\" -- \"${cur#*=}\"))\n"
        "            [[ $COMP_WORDBREAKS == *=* ]] || COMPREPLY=(\"${COMPREPLY[@]/#/$key=}\")\n"
        "        else\n            COMPREPLY=($(compgen -S = -W \"",
        f);
    put_keys(f);
    fputs("\" -- \"$cur\"))\n            compopt -o nospace 2>/dev/null\n        fi\n"
          "        return ;;\n"
          "    --format) COMPREPLY=($(compgen -W \"csv json\" -- \"$cur\")); return ;;\n"
          "    --screenshot|--record|--load|--tour) COMPREPLY=($(compgen -f -- \"$cur\")); "
          "return ;;\n    esac\n    COMPREPLY=($(compgen -W \"",
          f);
    put_words(f, opts, n);
    fputs("\" -- \"$cur\"))\n}\ncomplete -F _reluscope reluscope\n", f);
}

static void zsh_completion(FILE *f)
{
    char opts[64][32];
    const size_t n = options(opts, 64);
    fputs("#compdef reluscope\n# zsh completion for reluscope, generated by tools/gen_docs "
          "(issue 18).\n_reluscope() {\n  local -a opts keys\n  opts=(",
          f);
    put_words(f, opts, n);
    fputs(")\n  keys=(", f);
    put_keys(f);
    fputs(")\n  case ${words[CURRENT-1]} in\n"
          "  --preset) compadd -- ${(f)\"$(${words[1]} --list-presets 2>/dev/null | "
          "awk '{print $1}')\"}; return ;;\n"
          "  --format) compadd csv json; return ;;\n"
          "  --screenshot|--record|--load|--tour) _files; return ;;\n"
          "  --set)\n    if [[ $PREFIX == *=* ]]; then\n      local key=${PREFIX%%=*} vals\n"
          "      case $key in\n",
          f);
    put_value_cases(f, "      ", "vals=");
    fputs("      esac\n      compset -P '*='\n      compadd -- ${=vals}\n"
          "    else\n      compadd -S = -- $keys\n    fi\n    return ;;\n  esac\n"
          "  compadd -- $opts\n}\n_reluscope \"$@\"\n",
          f);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "man") == 0)
        man_page(stdout);
    else if (argc == 2 && strcmp(argv[1], "bash") == 0)
        bash_completion(stdout);
    else if (argc == 2 && strcmp(argv[1], "zsh") == 0)
        zsh_completion(stdout);
    else {
        fputs("usage: gen_docs man|bash|zsh\n", stderr);
        return 2;
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
